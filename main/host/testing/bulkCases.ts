import { generateSecurityCode } from '../../../core/applicationNumber.js';
import { NewCaseInput } from '../../../core/case.js';
import { prepareCase } from '../../../core/caseRules.js';
import { defaultCatalogue } from '../../../core/catalogue/defaultCatalogue.js';
import { insertCase } from '../../../db/caseRepository.js';
import { openDatabase } from '../../../db/openDatabase.js';
import { hashSecurityCode } from '../../../core/securityCode.js';

/**
 * Records `count` cases straight into a desk's SQLite file, outbox included, as a desk that was
 * offline for a long shift would have them. One security-code hash serves them all: scrypt per
 * case would make a test of the push spend its time hashing.
 */
export function recordCasesDirectly(dataFile: string, count: number, now = new Date()): void {
  const db = openDatabase(dataFile);
  try {
    const securityCodeHash = hashSecurityCode(generateSecurityCode());
    for (let i = 0; i < count; i++) {
      const input = NewCaseInput.parse({
        subject: 'Çöp konteyneri boşaltılmadı',
        description: `Konteyner ${i} bir haftadır alınmadı; koku şikâyeti`,
        outcome: i % 5 === 0 ? 'resolved' : 'forwarded',
        phone: `0542${String(2_000_000 + (i % 5000)).padStart(7, '0')}`,
        citizenName: 'Fatma Şahin',
        linkedid: null,
      });
      insertCase(db, prepareCase(input, defaultCatalogue, now), { now, actor: 'bulk', securityCode: '', securityCodeHash });
    }
  } finally {
    db.close();
  }
}
