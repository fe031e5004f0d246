import type { Catalogue, Subject } from '../catalogue.js';
import { compareTurkish, foldTurkish } from '../turkishText.js';
import { groupCodes, subjectPath } from './lookup.js';

/**
 * Type-ahead over the subject tree for an operator on a live call: a few letters must bring the
 * right leaf to the top. Both sides are Turkish-folded, so "isik" finds "Işık…" and "IZMIT"
 * finds "İzmit…"; every typed word must match somewhere (name, keywords or a parent's name).
 */
/** Fields in the order a match in them counts: the subject's own name, its keywords, its parents' names. */
const FIELD_COUNT = 3;

interface Entry {
  subject: Subject;
  isLeaf: boolean;
  /** Folded words per field (name, keywords, parents). */
  words: [string[], string[], string[]];
  /** Folded text per field, for substring matches. */
  texts: [string, string, string];
}

interface Hit {
  entry: Entry;
  /** 0: every query word starts a word; 1: some only occur inside a word. */
  tier: number;
  /** Sum of the query words' ranks (name before keywords before parents; whole word before prefix). */
  score: number;
  /** The subject's name begins with the query as typed. */
  namePrefix: boolean;
}

const indexes = new WeakMap<Catalogue, Entry[]>();

function wordsOf(text: string): string[] {
  return foldTurkish(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

function indexOf(c: Catalogue): Entry[] {
  let entries = indexes.get(c);
  if (!entries) {
    const groups = groupCodes(c);
    entries = c.subjects.map((subject) => {
      const parents = subjectPath(c, subject.code).slice(0, -1).map((p) => p.name).join(' ');
      const fields = [subject.name, subject.keywords.join(' '), parents].map(wordsOf);
      return {
        subject,
        isLeaf: !groups.has(subject.code),
        words: fields as Entry['words'],
        texts: fields.map((w) => w.join(' ')) as Entry['texts'],
      };
    });
    indexes.set(c, entries);
  }
  return entries;
}

/** Rank of one query word in one subject, lower is better; null when it does not occur. */
function matchToken(entry: Entry, token: string): { kind: number; rank: number } | null {
  for (let field = 0; field < FIELD_COUNT; field++) {
    const words = entry.words[field]!;
    if (words.includes(token)) return { kind: 0, rank: field * 2 };
    if (words.some((w) => w.startsWith(token))) return { kind: 0, rank: field * 2 + 1 };
  }
  for (let field = 0; field < FIELD_COUNT; field++) {
    if (entry.texts[field]!.includes(token)) return { kind: 1, rank: field };
  }
  return null;
}

/**
 * Word-start matches before matches inside a word; leaves (what a case is filed under) before
 * groups; urgent subjects before routine ones of the same match quality, so a death or an
 * injured animal never falls off a short list; then names that begin with what was typed.
 */
function compareHits(a: Hit, b: Hit): number {
  return (
    a.tier - b.tier ||
    Number(b.entry.isLeaf) - Number(a.entry.isLeaf) ||
    Number(b.entry.subject.urgent) - Number(a.entry.subject.urgent) ||
    Number(b.namePrefix) - Number(a.namePrefix) ||
    a.score - b.score ||
    compareTurkish(a.entry.subject.name, b.entry.subject.name)
  );
}

export function searchSubjects(c: Catalogue, query: string, limit = 10): Subject[] {
  const tokens = wordsOf(query);
  if (tokens.length === 0 || limit <= 0) return [];
  const phrase = tokens.join(' ');
  const hits: Hit[] = [];
  for (const entry of indexOf(c)) {
    let tier = 0;
    let score = 0;
    let matched = true;
    for (const token of tokens) {
      const m = matchToken(entry, token);
      if (!m) {
        matched = false;
        break;
      }
      tier = Math.max(tier, m.kind);
      score += m.rank;
    }
    if (matched) hits.push({ entry, tier, score, namePrefix: entry.texts[0].startsWith(phrase) });
  }
  return hits
    .sort(compareHits)
    .slice(0, limit)
    .map((h) => h.entry.subject);
}
