/**
 * People's names as typed: any script is welcome (accents, apostrophes, hyphens, Arabic, Chinese, Devanagari…),
 * but not characters that are invisible or change how text around them is shown — control characters (NUL, bell,
 * tab, new line), format characters (zero-width space, word joiner, byte-order mark, soft hyphen, bidirectional
 * embeddings, overrides and isolates), line separators, private-use and non-characters, and lone surrogates. A name
 * needs at least one letter. The joiners U+200C/U+200D (needed in Persian and Indic names) and the Mongolian vowel
 * separator U+180E are format characters that scripts need, so they stay. Names are stored in NFC, so the same
 * name typed on two keyboards is the same text.
 */
import { z } from 'zod';

// \p{Cs} matches a lone surrogate under the u flag; Cf minus the joiners and U+180E (see above).
const REFUSED = /[\p{Cc}\p{Cs}\p{Co}\p{Zl}\p{Zp}\p{Noncharacter_Code_Point}]|(?!\u200C|\u200D|\u180E)\p{Cf}/u;
const LETTER = /\p{L}/u;

/** Why a name is refused: empty, too long, or holding characters a name cannot hold (or no letter at all). */
export type NameProblem = 'required' | 'too-long' | 'characters';

/** A name as stored: NFC, without surrounding white space. */
export function normaliseName(value: string): string {
  // normalize() throws on nothing, but leaves a lone surrogate in place: checkName refuses it.
  return value.normalize('NFC').trim();
}

/** The problem with a (normalised) name, or null when it is acceptable. */
export function nameProblem(name: string, max: number): NameProblem | null {
  if (name === '') return 'required';
  if (REFUSED.test(name) || !LETTER.test(name)) return 'characters';
  return name.length > max ? 'too-long' : null;
}

/**
 * A zod schema for a person's name: normalised to NFC and trimmed, then checked. Errors are the caller's message
 * keys: `required` when empty (and, unless given, too long), `characters` for refused characters.
 */
export function personNameSchema(o: { required: string; characters: string; tooLong?: string; max?: number }) {
  const max = o.max ?? 100;
  return z
    .string({ error: o.required })
    .transform(normaliseName)
    .superRefine((name, ctx) => {
      const problem = nameProblem(name, max);
      if (problem)
        ctx.addIssue({
          code: 'custom',
          message:
            problem === 'characters' ? o.characters : problem === 'too-long' ? (o.tooLong ?? o.required) : o.required,
        });
    });
}

// Marks a name may be written with or without: Latin, Greek and Cyrillic accents (the combining diacritical blocks),
// Arabic short vowels and Hebrew points. Other marks are letters' vowels (Devanagari's matras…) and stay.
const OPTIONAL_MARKS: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
  [0x064b, 0x065f],
  [0x0670, 0x0670],
  [0x0591, 0x05c7],
];
const isOptionalMark = (mark: string) => {
  const c = mark.codePointAt(0) ?? 0;
  return OPTIONAL_MARKS.some(([from, to]) => c >= from && c <= to);
};

/**
 * The part of a name that identifies a person, for a blind index: optional marks dropped (accents, Arabic short
 * vowels, Hebrew points), lower case, only letters, digits and the marks a script needs kept, in any script
 * ("José Núñez-O'Brien" and "jose nunez obrien" meet; "王小明" and "राम" keep every character). Never shown; only hashed.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, (m) => (isOptionalMark(m) ? '' : m))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]/gu, '');
}
