/**
 * `text` without the run of `char` at its end, in one backward pass. The obvious `/x+$/` is
 * quadratic on text holding long runs of `x` that do not end it (every start in a run scans the
 * run, then fails at what follows), and these run on URLs and amounts from outside.
 */
export function trimTrailing(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end -= 1;
  return end === text.length ? text : text.slice(0, end);
}
