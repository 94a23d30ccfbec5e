/**
 * Every engine: when Stripe's scripts, loaded by Stripe's loader at once (publishable-key on the
 * tag), fail at the network level (a dropped connection, as on a flaky network), the retry reaches
 * the network again and ends ready. The drop-in as shipped, Stripe's real loader inside. One loading scenario per
 * page: Stripe's loader caches its failure for the page's life.
 */
import { describeScriptRecovery } from './support/script-recovery.js';

describeScriptRecovery('publishable-key on the tag', { 'session-url': '/test-api/session', 'publishable-key': 'pk_test_emulator' });
