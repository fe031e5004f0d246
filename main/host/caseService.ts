import type { Database } from 'better-sqlite3';
import type { Catalogue } from '../../core/catalogue.js';
import { CaseRuleError, noteRefusal, prepareCase } from '../../core/caseRules.js';
import type { CaseRecord } from '../../core/case.js';
import type { DeskRole } from '../../core/contract.js';
import { addAttachment, listAttachments } from '../../db/attachmentRepository.js';
import { callRecordOf } from '../../db/callRecords.js';
import { appendNote, caseEvents, getCase, insertCase, listCases, searchCases } from '../../db/caseRepository.js';
import { discardDraft, latestDraft, saveDraft } from '../../db/draftRepository.js';
import { storeAttachment } from './attachmentFiles.js';
import { createSecurityCodePool } from './securityCodePool.js';
import { invalidField, notFound, RequestError, type Handlers } from './dispatch.js';

type CaseHandlers = Pick<
  Handlers,
  | 'cases.list'
  | 'cases.create'
  | 'cases.search'
  | 'cases.get'
  | 'cases.appendNote'
  | 'attachments.add'
  | 'catalogue.get'
  | 'drafts.save'
  | 'drafts.latest'
  | 'drafts.discard'
>;

export interface CaseServiceDeps {
  db: Database;
  dataDir: string;
  catalogue: Catalogue;
  role: DeskRole;
  actor: string;
  now: () => Date;
  /** A case was written: lists and the screen-pop refresh from it. */
  onSaved: (saved: CaseRecord) => void;
}

/** Recording, finding and completing cases: the case desk's requests. */
export function createCaseHandlers(deps: CaseServiceDeps): CaseHandlers {
  const { db, catalogue } = deps;
  const securityCodes = createSecurityCodePool();
  const existing = (id: number): CaseRecord => getCase(db, id, deps.now()) ?? (() => { throw notFound('case'); })();

  return {
    'cases.list': ({ limit }) => listCases(db, limit, deps.now()),
    'cases.create': (input) => {
      const now = deps.now();
      let prepared;
      try {
        prepared = prepareCase(input, catalogue, now);
      } catch (error) {
        if (error instanceof CaseRuleError) throw invalidField(fieldOfRule(error.code), error.code);
        throw error;
      }
      const { code: securityCode, hash: securityCodeHash } = securityCodes.take();
      const saved = insertCase(db, prepared, { now, actor: deps.actor, securityCode, securityCodeHash });
      deps.onSaved(saved);
      return { case: saved, securityCode };
    },
    'cases.search': (query) => searchCases(db, query, deps.now()),
    'cases.get': ({ id, revealTcKimlikNo }) => {
      // Only a team lead may see a T.C. kimlik no in full; everyone else gets it masked.
      const record = getCase(db, id, deps.now(), { revealTcKimlikNo: revealTcKimlikNo && deps.role === 'team-lead' });
      if (record === null) throw notFound('case');
      return {
        case: record,
        history: caseEvents(db, id),
        attachments: listAttachments(db, id),
        call: record.linkedid === null ? null : callRecordOf(db, record.linkedid),
      };
    },
    // A repeat call's note and the case detail's "Not ekle" alike: a 'note' event and a 'note' change in the outbox.
    'cases.appendNote': ({ caseId, text, linkedid }) => {
      if (noteRefusal(deps.role, existing(caseId)) !== null) {
        throw new RequestError({ code: 'forbidden', message: 'Only a team lead may add a note to a confidential case' });
      }
      const saved = appendNote(db, caseId, text, { now: deps.now(), actor: deps.actor, linkedid });
      deps.onSaved(saved);
      return saved;
    },
    'attachments.add': ({ caseId, fileName, dataBase64 }) => {
      existing(caseId);
      const file = storeAttachment(deps.dataDir, dataBase64);
      const info = addAttachment(db, { caseId, fileName, ...file, actor: deps.actor }, deps.now());
      deps.onSaved(existing(caseId));
      return info;
    },
    'catalogue.get': () => catalogue,
    'drafts.save': (draft) => saveDraft(db, draft, deps.now()),
    'drafts.latest': () => latestDraft(db),
    'drafts.discard': ({ draftId }) => ({ discarded: discardDraft(db, draftId) }),
  };
}

/** The form field a broken rule belongs to, so the UI can put the message next to it. */
function fieldOfRule(code: string): string {
  if (code.startsWith('subject.')) return 'subjectCode';
  if (code.startsWith('unit.')) return 'unitCode';
  if (code.startsWith('tc.')) return 'tcKimlikNo';
  return '';
}
