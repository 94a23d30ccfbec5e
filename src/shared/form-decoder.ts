/**
 * Decodes Stripe's form encoding (`application/x-www-form-urlencoded` with bracket syntax) into a
 * tree: `a=x` a string, `a[]=x&a[]=y` an array, `a[0]=x` / `m[k]=v` / `m[k][j]=v` nested records.
 * Index keys stay record keys ("0", "1"): whether `a[0]` is a list item or a metadata key is the
 * validator's call, not the decoder's.
 *
 * Records have a null prototype, so a key such as `__proto__` or `constructor` is an ordinary own
 * key (which validation then refuses) and can never reach `Object.prototype`.
 */

export type FormNode = string | FormNode[] | FormRecord;
export interface FormRecord {
  [key: string]: FormNode;
}

export class FormDecodeError extends Error {
  readonly param: string;
  constructor(param: string, message: string) {
    super(message);
    this.param = param;
  }
}

/** Deeper than any Stripe parameter (`kyc_details[address][line1]` is 3). */
const MAX_DEPTH = 6;
const MAX_PAIRS = 2000;

const KEY_SYNTAX = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;

function newRecord(): FormRecord {
  return Object.create(null) as FormRecord;
}

/** `wallet_addresses[ethereum]` → ["wallet_addresses", "ethereum"]; `a[]` → ["a", ""]. */
function splitKey(key: string): string[] {
  const match = KEY_SYNTAX.exec(key);
  // A key with unbalanced brackets is kept whole; it matches no parameter and is reported unknown.
  if (!match) return [key];
  const segments = [match[1] ?? key];
  for (const part of (match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)) segments.push(part[1] ?? '');
  return segments;
}

function bracketed(segments: readonly string[]): string {
  return segments[0] + segments.slice(1).map((s) => `[${s}]`).join('');
}

function insert(root: FormRecord, segments: string[], value: string): void {
  if (segments.length > MAX_DEPTH) throw new FormDecodeError(bracketed(segments), `Parameter ${bracketed(segments)} is nested too deeply.`);
  let container: FormRecord | FormNode[] = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    const last = i === segments.length - 1;
    const param = bracketed(segments.slice(0, i + 1));
    const makeChild = (): FormNode => (last ? value : segments[i + 1] === '' ? [] : newRecord());

    if (Array.isArray(container)) {
      if (segment !== '') throw new FormDecodeError(param, `Invalid parameter ${param}: mixes the a[] and a[key] forms.`);
      const child = makeChild();
      container.push(child);
      if (last) return;
      container = child as FormRecord | FormNode[];
      continue;
    }
    if (segment === '' && i === 0) throw new FormDecodeError(param, 'Invalid parameter name: empty.');
    const existing: FormNode | undefined = Object.prototype.hasOwnProperty.call(container, segment) ? container[segment] : undefined;
    if (last) {
      if (existing !== undefined && typeof existing !== 'string') {
        throw new FormDecodeError(param, `Invalid parameter ${param}: given both as a value and as a list or object.`);
      }
      container[segment] = value; // a repeated scalar: the last one wins, as in Stripe's API
      return;
    }
    if (existing === undefined) {
      const child = makeChild();
      container[segment] = child;
      container = child as FormRecord | FormNode[];
    } else if (typeof existing === 'string') {
      throw new FormDecodeError(param, `Invalid parameter ${param}: given both as a value and as a list or object.`);
    } else {
      const wantsArray = segments[i + 1] === '';
      if (Array.isArray(existing) !== wantsArray) {
        throw new FormDecodeError(param, `Invalid parameter ${param}: mixes the a[] and a[key] forms.`);
      }
      container = existing;
    }
  }
}

/** Decodes `URLSearchParams` pairs (a form body or a query string) into a tree. */
export function decodeFormPairs(pairs: Iterable<[string, string]>): FormRecord {
  const root = newRecord();
  let count = 0;
  for (const [key, value] of pairs) {
    if (++count > MAX_PAIRS) throw new FormDecodeError('', `Too many parameters (more than ${MAX_PAIRS}).`);
    insert(root, splitKey(key), value);
  }
  return root;
}

export function decodeForm(body: string): FormRecord {
  return decodeFormPairs(new URLSearchParams(body));
}
