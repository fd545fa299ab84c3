/**
 * Whether two spellings name the same person, and two identity document numbers the same
 * document: what the claim checks against the member's placements and the beneficiary register.
 *
 * Names are compared after folding what clerks and phones vary on: letter case, accents
 * (NFKD, combining marks dropped), punctuation, spacing, and word order ("Santos, Rodel" is
 * "Rodel Santos"). Nothing else is forgiven: a different or missing word is another name.
 * Identity numbers: case, spaces, dashes, dots and slashes are ignored.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .sort()
    .join(' ');
}

export const sameName = (a: string, b: string): boolean => {
  const ka = nameKey(a);
  return ka.length > 0 && ka === nameKey(b);
};

export function idNumberKey(id: string): string {
  return id
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-./]+/g, '');
}

export const sameIdNumber = (a: string, b: string): boolean => {
  const ka = idNumberKey(a);
  return ka.length > 0 && ka === idNumberKey(b);
};
