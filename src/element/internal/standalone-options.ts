/**
 * `mode="standalone"`: the element's presets as `StripeOnramp.Standalone(options)`.
 *
 * The presets are checked with the shared create rules first, exactly as a minting endpoint would
 * check them; then the standalone onramp's own limits apply: it takes only the destination choice,
 * the supported lists and one amount, in US dollars.
 */
import type { StripeOnrampConstructor } from '@stripe/crypto';
import { validateCreateParams } from '../../shared/validate-create.js';
import { CryptoOnrampError } from '../errors.js';
import { elementError } from './element-error.js';
import type { SentenceKey } from './messages.js';

/** `@stripe/crypto` does not export the type by name. */
export type StandaloneOnrampOptions = Parameters<StripeOnrampConstructor['Standalone']>[0];

/** Presets the standalone onramp has no option for. */
const NOT_STANDALONE = ['wallet_addresses', 'lock_wallet_address', 'kyc_details', 'metadata', 'customer_ip_address', 'settlement_speed', 'expand'];

/** The element's own refusal, its sentence named by key (`elementError`). */
const refused = (param: string, sentence: Extract<SentenceKey, 'bothAmounts' | 'dollarsOnly' | 'notStandalone'>): CryptoOnrampError =>
  elementError('invalid_presets', sentence, { param }, param);

/**
 * A refusal by the API's create rules (src/shared/validate-create.ts): their message is the API's
 * own wording, as Stripe (or the server kit) would answer it to the embedded mode's endpoint, and
 * is passed on as it is, like Stripe's.
 */
const invalid = (param: string, message: string, stripeCode: string): CryptoOnrampError =>
  new CryptoOnrampError('invalid_presets', message, { param, stripeCode });

/**
 * `body` is the minting request's body (attributes and `sessionParams`), plus, through
 * `sessionParams`, `source_total_amount`: a US-dollar amount that includes the fees.
 */
export function standaloneOptions(body: Readonly<Record<string, unknown>>): StandaloneOnrampOptions {
  const { source_total_amount: total, ...params } = body;
  if (total !== undefined && params['source_amount'] !== undefined) {
    throw refused('source_total_amount', 'bothAmounts');
  }
  const sourceCurrency = params['source_currency'] ?? 'usd';
  if (sourceCurrency !== 'usd') {
    throw refused('source_currency', 'dollarsOnly');
  }
  // A total is checked as the amount it stands for.
  const checked = validateCreateParams(
    { ...params, ...(total !== undefined && { source_amount: total }), ...((params['source_amount'] ?? total) !== undefined && { source_currency: 'usd' }) },
    'json',
    { openEnums: true },
  );
  if (!checked.ok) {
    const { code, message, param = '' } = checked.error;
    if (total !== undefined && param === 'source_amount') throw invalid('source_total_amount', message.replaceAll('source_amount', 'source_total_amount'), code);
    throw invalid(param, message, code);
  }
  const p = checked.value;
  const unsupported = NOT_STANDALONE.find((key) => key in p);
  if (unsupported) throw refused(unsupported, 'notStandalone');

  const options: StandaloneOnrampOptions = {};
  const loose = options as Record<string, unknown>; // the SDK's types list fewer currencies than Stripe sells
  if (p.destination_currency) loose['destination_currency'] = p.destination_currency;
  if (p.destination_network) loose['destination_network'] = p.destination_network;
  if (p.destination_currencies) loose['supported_destination_currencies'] = p.destination_currencies;
  if (p.destination_networks) loose['supported_destination_networks'] = p.destination_networks;
  if (total !== undefined) options.amount = { source_total_amount: p.source_amount! };
  else if (p.source_amount) options.amount = { source_amount: p.source_amount };
  else if (p.destination_amount) options.amount = { destination_amount: p.destination_amount };
  return options;
}
