/**
 * `crypto-onramp-emulator --proxy`: the Stripe proxy beside the CLI's emulator, its certificate
 * written where a browser or a phone can be given it, and the lines the banner prints about it.
 */
import { rm, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliProxyOptions } from './cli-args.js';
import type { RunningEmulator } from './index.js';
import { createStripeProxy, type StripeProxy } from './stripe-proxy.js';

export interface CliProxy {
  proxy: StripeProxy;
  certFile: string;
  banner: string[];
  close(): Promise<void>;
}

export async function startCliProxy(emulator: RunningEmulator, options: CliProxyOptions): Promise<CliProxy> {
  // The proxy fetches the stand-ins on this machine: by the address the emulator listens on, which
  // works even when `--public-url` names one only browsers can reach.
  const local = emulator.host === '0.0.0.0' || emulator.host === '::' || emulator.host === '' ? '127.0.0.1' : emulator.host;
  const proxy = await createStripeProxy({ emulatorUrl: `http://${local.includes(':') ? `[${local}]` : local}:${emulator.port}`, port: options.port, host: emulator.host });
  const certFile = resolve(options.certFile ?? join(tmpdir(), `crypto-onramp-emulator-proxy-${process.pid}.pem`));
  await writeFile(certFile, proxy.certificate);
  const wildcard = emulator.host === '0.0.0.0' || emulator.host === '::';
  const banner = [
    `  Proxy            ${proxy.url}   (Stripe's two script hosts answered with the stand-ins, every other host refused)`,
    `  Certificate      ${certFile}   (made at start: accept it, e.g. --ignore-certificate-errors, or trust it on a device)`,
    `  PAC file         ${proxy.pacUrl}   (only Stripe's hosts through the proxy, the rest direct)`,
    // A phone on the network needs an address of this machine, not loopback.
    ...(wildcard ? lanAddresses().map((address) => `  On the network   http://${address}:${proxy.port}/proxy.pac   and   /certificate.pem`) : []),
  ];
  return {
    proxy,
    certFile,
    banner,
    async close() {
      await proxy.close();
      // A file the user named is theirs to keep; the temporary one goes.
      if (options.certFile === undefined) await rm(certFile, { force: true });
    },
  };
}

/** This machine's IPv4 addresses on its networks (what a phone on the same Wi-Fi reaches it by). */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((info) => info !== undefined && info.family === 'IPv4' && !info.internal)
    .map((info) => info!.address);
}
