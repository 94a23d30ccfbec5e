/**
 * Every engine: when Stripe's scripts, loaded early while the key is unknown (no publishable-key on
 * the tag), fail at the network level (a dropped connection, as on a flaky network), the retry
 * reaches the network again and ends ready. The early load was a `<link rel=preload>`, and WebKit
 * never requests a script again after its preload failed that way (not even on the next page), so
 * the retry failed with no request at all. The drop-in as shipped, Stripe's real loader inside. One loading scenario per
 * page: Stripe's loader caches its failure for the page's life.
 */
import { describeScriptRecovery } from './support/script-recovery.js';

describeScriptRecovery('loaded early (no key on the tag)', { 'session-url': '/test-api/session' });
