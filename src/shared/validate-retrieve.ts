/** The rules of `GET /v1/crypto/onramp_sessions/:id`: the only parameter is `expand`. */
import { runValidation, type ParamEncoding, type Validation } from './param-error.js';
import { readExpand, readParams } from './param-readers.js';

export const RETRIEVE_PARAMS = ['expand'] as const;

export function validateRetrieveParams(input: unknown, encoding: ParamEncoding): Validation<Record<string, never>> {
  return runValidation(() => {
    const { raw, present } = readParams(input, RETRIEVE_PARAMS);
    if (present('expand')) readExpand(raw.expand, 'expand', encoding);
    return {};
  });
}
