/**
 * Webhooks at least once, exactly once in effect, as a fast-check property: Stripe delivers each
 * of a few events until it gets a 2xx, to two instances sharing one event store; deliveries
 * interleave with callbacks that succeed or fail, instances that die mid-callback, and time passing
 * (leases lapse only where no live callback renews them). Whatever the interleaving, each event's
 * effect runs exactly once, and every 200 comes after its event's effect.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import Stripe from 'stripe';
import {
  createOnrampWebhookHandler,
  MemoryWebhookEventStore,
  type WebhookEventBegin,
  type WebhookEventStore,
} from '../../src/server/index.js';

const SEED = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env['FC_RUNS'] ?? 150);
const SECRET = 'whsec_leasePropertySecret0123456789';
const stripe = new Stripe('sk_test_lease_property', { telemetry: false });
/** Long in real time (the handler's own renewal timer never fires during a run); the model renews. */
const LEASE_MS = 600_000;
const EVENTS = ['evt_a', 'evt_b', 'evt_c'];

function signedDelivery(eventId: string): Request {
  const payload = JSON.stringify({
    id: eventId,
    object: 'event',
    type: 'crypto.onramp_session_updated',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object: { id: 'cos_lease', object: 'crypto.onramp_session', status: 'fulfillment_complete' } },
  });
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) });
  return new Request('http://shop.example/webhooks', { method: 'POST', headers: { 'Stripe-Signature': signature }, body: payload });
}

type Action =
  | { kind: 'deliver'; event: number; instance: number }
  | { kind: 'succeed'; pick: number }
  | { kind: 'fail'; pick: number }
  | { kind: 'crash'; instance: number }
  | { kind: 'time' };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('deliver' as const), event: fc.nat(EVENTS.length - 1), instance: fc.nat(1) }),
  fc.record({ kind: fc.constant('succeed' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('fail' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('crash' as const), instance: fc.nat(1) }),
  fc.record({ kind: fc.constant('time' as const) }),
);

interface Running {
  event: string;
  instance: number;
  settle: (ok: boolean) => void;
  response: Promise<Response>;
}

/** One run of the model: two instances, a shared store on a clock the model moves. */
class World {
  now = 1_000_000;
  readonly store = new MemoryWebhookEventStore(() => this.now);
  readonly effects = new Map<string, number>();
  readonly acknowledged = new Set<string>();
  readonly running: Running[] = [];
  readonly instances: { handler: (request: Request) => Promise<Response>; alive: { value: boolean }; leases: Map<string, string> }[] = [];
  #starting: ((settle: (ok: boolean) => void) => void) | undefined;

  constructor() {
    this.instances.push(this.#instance(), this.#instance());
  }

  /** An instance ("a process"): its store calls stop reaching the store once it has died. */
  #instance(): World['instances'][number] {
    const alive = { value: true };
    const leases = new Map<string, string>();
    const store = this.store;
    const gated: WebhookEventStore = {
      begin(eventId, leaseMs) {
        const begun: WebhookEventBegin = store.begin(eventId, leaseMs);
        if (begun.state === 'leased') leases.set(eventId, begun.token);
        return begun;
      },
      renew: (eventId, token, leaseMs) => alive.value && store.renew(eventId, token, leaseMs),
      complete: (eventId, token, doneMs) => {
        if (alive.value) store.complete(eventId, token, doneMs);
      },
      release: (eventId, token) => {
        if (alive.value) store.release(eventId, token);
      },
    };
    const handler = createOnrampWebhookHandler({
      stripe,
      secret: SECRET,
      logger: false,
      eventStore: gated,
      leaseMs: LEASE_MS,
      onSessionUpdated: (_session, event) =>
        new Promise<void>((resolve, reject) => {
          this.#starting?.((ok) => {
            if (!alive.value) return; // a dead process completes nothing
            if (!ok) return reject(new Error('the database is down'));
            this.effects.set(event.id, (this.effects.get(event.id) ?? 0) + 1);
            resolve();
          });
        }),
    });
    return { handler, alive, leases };
  }

  /** Stripe sends `event` to `instance`: returns once the callback started or the answer came. */
  async deliver(event: string, instance: number): Promise<void> {
    if (this.acknowledged.has(event)) return; // Stripe stops after a 2xx
    const target = this.instances[instance]!;
    let settle: ((ok: boolean) => void) | undefined;
    const started = new Promise<void>((resolve) => {
      this.#starting = (s) => {
        settle = s;
        resolve();
      };
    });
    const response = target.handler(signedDelivery(event));
    const first = await Promise.race([started.then(() => 'started' as const), response.then(() => 'answered' as const)]);
    this.#starting = undefined;
    if (first === 'started') {
      this.running.push({ event, instance, settle: settle!, response: response.then((r) => this.#record(event, r)) });
    } else {
      await this.#record(event, await response);
    }
  }

  async settle(pick: number, ok: boolean): Promise<void> {
    const live = this.running.filter((r) => this.instances[r.instance]!.alive.value);
    if (live.length === 0) return;
    const chosen = live[pick % live.length]!;
    this.running.splice(this.running.indexOf(chosen), 1);
    chosen.settle(ok);
    await chosen.response;
  }

  /** The instance dies mid-callback: nothing it runs completes; a fresh process takes its place. */
  crash(instance: number): void {
    this.instances[instance]!.alive.value = false;
    for (const r of this.running.filter((r) => r.instance === instance)) this.running.splice(this.running.indexOf(r), 1);
    this.instances[instance] = this.#instance();
  }

  /** Half a lease passes; live callbacks renew theirs (what the handler's timer does in real time). */
  time(): void {
    this.now += LEASE_MS / 2 + 1;
    for (const r of this.running) {
      const owner = this.instances[r.instance]!;
      const token = owner.leases.get(r.event);
      if (token !== undefined) this.store.renew(r.event, token, LEASE_MS);
    }
  }

  async #record(event: string, response: Response): Promise<Response> {
    if (response.status === 200) {
      assert.equal(this.effects.get(event) ?? 0, 1, `a 200 for ${event} before its effect ran (or after it ran twice)`);
      this.acknowledged.add(event);
    } else {
      assert.ok([409, 500].includes(response.status), `unexpected ${response.status}`);
      if (response.status === 409) assert.ok(Number(response.headers.get('retry-after')) >= 1);
    }
    return response;
  }
}

test(`each event's effect runs once and none is dropped, over interleavings (seed ${SEED}, ${RUNS} runs)`, async () => {
  console.log(`fast-check: seed ${SEED}, ${RUNS} runs (replay with FC_SEED=${SEED} FC_RUNS=${RUNS})`);
  await fc.assert(
    fc.asyncProperty(fc.array(action, { maxLength: 40 }), async (actions) => {
      const world = new World();
      for (const a of actions) {
        if (a.kind === 'deliver') await world.deliver(EVENTS[a.event]!, a.instance);
        else if (a.kind === 'succeed' || a.kind === 'fail') await world.settle(a.pick, a.kind === 'succeed');
        else if (a.kind === 'crash') world.crash(a.instance);
        else world.time();
      }
      // Stripe keeps redelivering every event until it gets a 2xx; the callbacks now succeed.
      for (let round = 0; round < 10 && world.acknowledged.size < EVENTS.length; round++) {
        while (world.running.length > 0) await world.settle(0, true);
        world.time();
        world.time();
        for (const event of EVENTS) {
          await world.deliver(event, round % 2);
          while (world.running.length > 0) await world.settle(0, true);
        }
      }
      assert.deepEqual([...world.acknowledged].sort(), EVENTS, 'every event acknowledged');
      for (const event of EVENTS) assert.equal(world.effects.get(event), 1, `${event}'s effect ran once`);
    }),
    { seed: SEED, numRuns: RUNS },
  );
});
