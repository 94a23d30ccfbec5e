// `node --import tsx test/frameworks/ssr-render.ts SESSION_URL [eager|lazy]` prints the server-rendered element.
import { renderOnramp } from './ssr.js';

const loading = process.argv[3] === 'lazy' || process.argv[3] === 'eager' ? process.argv[3] : undefined;
process.stdout.write(await renderOnramp({ sessionUrl: process.argv[2] ?? '', loading }));
