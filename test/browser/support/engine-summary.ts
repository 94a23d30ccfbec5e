/**
 * A reporter that ends each engine's run with one line, `<engine>: N passed, N failed, N skipped`,
 * and names every skipped test (each skip states its reason in the test's title, skips.ts), so no
 * skip hides in a count. A test file that failed to load counts as failed.
 */
import type { Reporter, TestSession } from '@web/test-runner-core';

interface Suite {
  name: string;
  tests: Array<{ name: string; passed: boolean; skipped: boolean }>;
  suites: Suite[];
}

export function engineSummary(engine: string): Reporter {
  return {
    onTestRunFinished({ sessions }: { sessions: TestSession[] }) {
      let passed = 0;
      let failed = 0;
      const skipped: string[] = [];
      const walk = (suite: Suite | undefined, path: string[], file: string) => {
        if (!suite) return;
        for (const test of suite.tests) {
          if (test.skipped) skipped.push(`${file}: ${[...path, test.name].join(' > ')}`);
          else if (test.passed) passed++;
          else failed++;
        }
        for (const child of suite.suites) walk(child, [...path, child.name], file);
      };
      for (const session of sessions) {
        const file = session.testFile.replace(/^.*\/test\/browser\//, '');
        // A file whose page errored or never reported counts once as failed, beside its tests.
        if (!session.passed && !session.testResults) failed++;
        walk(session.testResults as Suite | undefined, [], file);
        if (session.errors.length > 0 && session.testResults && session.passed === false) {
          const anyFailed = JSON.stringify(session.testResults).includes('"passed":false');
          if (!anyFailed) failed++;
        }
      }
      const lines = skipped.map((s) => `  skipped in ${engine}: ${s}`);
      // The plain closing line, alone on its line, for whoever reads the run's end.
      // A line break first: the runner's progress display may have left its cursor codes on this line.
      console.log(['', ...lines, `${engine}: ${passed} passed, ${failed} failed, ${skipped.length} skipped`].join('\n'));
    },
  };
}
