/**
 * The emulator's stand-in frame speaks the language of the page that mounts it: the stand-in's
 * outer script reads the mount node's nearest `lang` and passes it in the frame's URL (`locale=`,
 * the emulator's own: Stripe's UI picks its own language). So the element and the frame around it
 * speak French under `lang="fr"`, and Arabic, right to left, under `lang="ar"`.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { cleanup, createOnramp } from './support/helpers.js';

const SESSION = '/test-api/session';

interface FrameLanguage {
  lang: string;
  dir: string;
  texts: string[];
}

const wrappers: HTMLElement[] = [];

/**
 * An element inside a `<div lang>` (or, `inShadow`, inside a component's shadow root there, with
 * `elementLang` its own), once its frame is ready; then what its frame says.
 */
async function frameUnder(lang: string, { inShadow = false, elementLang }: { inShadow?: boolean; elementLang?: string } = {}): Promise<FrameLanguage> {
  const wrapper = document.createElement('div');
  wrapper.lang = lang;
  document.body.append(wrapper);
  wrappers.push(wrapper);
  const parent = inShadow ? wrapper.appendChild(document.createElement('div')).attachShadow({ mode: 'open' }) : wrapper;
  const attributes: Record<string, string> = { 'session-url': SESSION, ...(elementLang ? { lang: elementLang } : {}) };
  const { events } = createOnramp({ attributes }, parent);
  await events.nth('crypto-onramp-ready', 1);
  const frames = (await executeServerCommand('frame-languages')) as FrameLanguage[];
  expect(frames).to.have.length(1);
  return frames[0]!;
}

describe("the stand-in frame speaks the mounting page's language", () => {
  afterEach(() => {
    cleanup();
    wrappers.splice(0).forEach((wrapper) => wrapper.remove());
  });

  it('French under lang="fr"', async () => {
    const frame = await frameUnder('fr');
    expect(frame).to.deep.include({ lang: 'fr', dir: 'ltr' });
    expect(frame.texts).to.include.members(['Acheter des cryptos', 'Continuer', 'En attente de la vérification du devis et de la confirmation de votre portefeuille.']);
  });

  it('Arabic, right to left, under lang="ar"', async () => {
    const frame = await frameUnder('ar');
    expect(frame).to.deep.include({ lang: 'ar', dir: 'rtl' });
    expect(frame.texts).to.include.members(['شراء عملات مشفرة', 'متابعة']);
  });

  it("the element's own lang, in a component's shadow root: the frame's node is projected there", async () => {
    // Stripe's frame node sits in the document's light DOM beside the component (around it, German);
    // projected through slots into the element, it reads the element's French.
    const frame = await frameUnder('de', { inShadow: true, elementLang: 'fr' });
    expect(frame).to.deep.include({ lang: 'fr', dir: 'ltr' });
    expect(frame.texts).to.include('Continuer');
  });

  it('English under lang="en", whatever the browser', async () => {
    const frame = await frameUnder('en');
    expect(frame).to.deep.include({ lang: 'en', dir: 'ltr' });
    expect(frame.texts).to.include.members(['Buy crypto', 'Continue']);
  });
});
