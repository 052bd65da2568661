/**
 * The browser tests (pages, app.js, Swagger UI) skip when Chromium is missing, which is
 * convenient on a laptop and a hole in CI: there, its absence is a failure with a reason.
 */
import { describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable } from '../helpers/browser.js';

describe.runIf(process.env.CI)('under CI', () => {
  it(`has ${CHROMIUM_PATH}, which the browser tests launch`, () => {
    expect(chromiumAvailable, `CI is set but ${CHROMIUM_PATH} is missing (apt-get install chromium): the browser tests would be skipped`).toBe(true);
  });
});
