import type { ReactNode } from 'react';
import { emulatorScriptUrls } from 'crypto-onramp-element/server';

const standIns = emulatorScriptUrls(process.env.CRYPTO_ONRAMP_EMULATOR_URL);

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>{standIns.map((src) => <script key={src} src={src} />)}</head>
      <body>{children}</body>
    </html>
  );
}
