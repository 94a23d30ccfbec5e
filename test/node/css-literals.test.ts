/**
 * The drop-ins' CSS texts (`/* css *\/` literals in `*.styles.ts`, vite.config.ts's
 * minifyCssLiterals) ship collapsed: no comment, no run of whitespace, an interpolation (the shared
 * spinner) kept as written. Checked on the transform itself, then on both drop-ins as built, where
 * the minifier has also written the shared spinner into each element's one sheet.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { build, type Plugin, type Rolldown } from 'vite';
import { minifyCssLiterals } from '../../vite.config.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const transform = (code: string, id: string): string | undefined => {
  const plugin = minifyCssLiterals() as Plugin & { transform: (code: string, id: string) => { code: string } | undefined };
  return plugin.transform(code, id)?.code;
};

/** The entry chunk of the drop-in `config` builds, in memory. */
async function entryOf(config: string): Promise<string> {
  const result = (await build({ configFile: `${ROOT}${config}`, logLevel: 'silent', build: { write: false, emptyOutDir: false } })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const output = Array.isArray(result) ? result[0]! : result;
  const entry = output.output.find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
  assert.ok(entry && entry.type === 'chunk', config);
  return entry.code;
}

describe("the elements' CSS texts", () => {
  it('collapse around an interpolation, which stays as written; other literals and files are left alone', () => {
    const source = [
      'export const a = unsafeCSS(/* css */ `',
      '  /* a comment */',
      '  :host {',
      '    color: red;',
      '  }',
      "  ${spinner('--x-muted', '--x-accent')}",
      '  .b > p ,  .c {',
      '    width: ${size} ;',
      '    margin: 0 auto;',
      '  }',
      '`);',
      'const html = `  keep   this  `;',
    ].join('\n');
    assert.equal(
      transform(source, '/x/a.styles.ts'),
      [
        // The space after the spinner's interpolation stays: it might sit inside a value.
        "export const a = unsafeCSS(/* css */ `:host{color:red}${spinner('--x-muted', '--x-accent')} .b>p,.c{width:${size};margin:0 auto}`);",
        'const html = `  keep   this  `;',
      ].join('\n'),
    );
    assert.equal(transform(source, '/x/a.ts'), undefined);
  });

  for (const [config, element, size] of [
    ['vite.config.ts', '--crypto-onramp', '2rem'],
    ['vite.quotes.config.ts', '--crypto-onramp-quotes', '1.5rem'],
  ] as const) {
    it(`ship collapsed in the drop-in built by ${config}, with the shared spinner written into the sheet`, async () => {
      const code = await entryOf(config);
      // One string (terser quotes it as it likes): the spinner's call is gone, its text written in.
      const sheets = [...code.matchAll(/(["'`])(:host\{.*?)\1/gs)].map((match) => match[2]!);
      assert.equal(sheets.length, 1, 'one sheet, one string');
      const sheet = sheets[0]!;
      assert.doesNotMatch(sheet, /\s{2}|\n|\/\*|\$\{/, sheet);
      assert.ok(sheet.includes(`.spinner{width:${size};height:${size}}.spinner{border-radius:50%;border:3px solid var(${element}-muted-color);border-top-color:var(${element}-accent-color);animation:spin .9s linear infinite}`), sheet);
      assert.ok(sheet.includes('@media (prefers-reduced-motion){.spinner{animation:none}}'), sheet);
    });
  }
});
