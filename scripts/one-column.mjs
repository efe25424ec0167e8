// Characters string-width counts as one column each, whatever their neighbours: printable ASCII,
// printable Latin-1, general punctuation (dashes, quotes, bullet, ellipsis), four arrows,
// mathematical operators (≥, ×'s neighbours) and box drawing with block elements (the borders
// cli-table3 draws). None is wide, combining, a control or the start of an emoji sequence, so a
// string made only of them is as wide as it is long. test/one-column.test.ts checks every one of
// them, and every pair, against string-width itself.
export const ONE_COLUMN = '\\x20-\\x7e\\xa0-\\xff\\u2010-\\u2027\\u2030-\\u205e\\u2190-\\u2193\\u2200-\\u22ff\\u2500-\\u259f';
