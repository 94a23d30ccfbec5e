/**
 * <crypto-onramp> rendered by Angular (just-in-time compiled, zoneless): the Angular demo's
 * component with `[property]` and `(event)` bindings, `@if` removal and re-adding, and
 * destroying the application.
 */
import '@angular/compiler';
import { expect } from '@open-wc/testing';
import { createComponent, provideZonelessChangeDetection, type ApplicationRef, type ComponentRef } from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import { AppComponent } from '../../demo/frameworks/angular/app.component.js';
import { container, removeContainers } from '../frameworks/browser-helpers.js';
import { exerciseDemo } from '../frameworks/demo-walk.js';
import { EventRecorder, iframes, mountNodes, newLog } from './support/helpers.js';

const SESSION = '/test-api/session';

describe('Angular', () => {
  let app: ApplicationRef | undefined;
  afterEach(() => {
    app?.destroy();
    app = undefined;
    removeContainers();
  });

  async function mount(sessionUrl: string): Promise<{ parent: HTMLElement; ref: ComponentRef<AppComponent> }> {
    app = await createApplication({ providers: [provideZonelessChangeDetection()] });
    const parent = container();
    const ref = createComponent(AppComponent, { environmentInjector: app.injector, hostElement: parent.appendChild(document.createElement('app-root')) });
    ref.setInput('sessionUrl', sessionUrl);
    app.attachView(ref.hostView);
    ref.changeDetectorRef.detectChanges();
    return { parent, ref };
  }

  it('runs the Angular demo: presets follow state, events reach handlers, remove and re-add', async () => {
    const log = newLog();
    const events = new EventRecorder(document.body);
    const { parent } = await mount(`${SESSION}?log=${log}`);
    await exerciseDemo(parent, events, log);
  });

  it('leaves nothing behind when the application is destroyed', async () => {
    const events = new EventRecorder(document.body);
    const { parent } = await mount(SESSION);
    await events.nth('crypto-onramp-ready', 1);
    app!.destroy();
    app = undefined;
    expect(parent.querySelector('crypto-onramp')).to.equal(null);
    expect(mountNodes()).to.have.length(0);
    expect(iframes()).to.have.length(0);
  });
});
