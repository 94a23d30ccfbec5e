/**
 * The one way a browser test is skipped: in the engines named, for a reason stated where it is
 * called, only where that engine (or its only driver here) cannot do the thing at all. The reason
 * joins the test's title, so the run's summary lists it beside the test (engine-summary.ts), and
 * docs/development.md lists every call.
 */
import { engine } from './helpers.js';

type Engine = Awaited<ReturnType<typeof engine>>;

/** In a test (`function () {…}`, for `this`): skips it in `engines`, saying why. Resolves whether it skipped. */
export async function unsupportedIn(context: Mocha.Context, engines: Engine[], reason: string): Promise<void> {
  const current = await engine();
  if (!engines.includes(current)) return;
  if (context.test) context.test.title += ` [skipped in ${current}: ${reason}]`;
  context.skip();
}

/** Whether this engine's driver can switch `prefers-color-scheme` in a running page. */
export const CANNOT_EMULATE_COLOR_SCHEME: Engine[] = ['firefox', 'webkit'];
export const COLOR_SCHEME_REASON =
  'its driver cannot switch prefers-color-scheme in a running page (WebDriver BiDi refuses media emulation in Firefox; WebKit\'s WebDriver has no such command)';
