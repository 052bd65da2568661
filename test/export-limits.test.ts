import { describe, expect, it } from 'vitest';
import { threadLimits } from '../src/static-export/site.js';

describe('the export threads\' heap limits', () => {
  it('keep the measured floors up to 10 000 organizations and grow with the registry beyond', () => {
    const mb = 1024 * 1024;
    // organizations.json of the 22 bundled organizations and of 10 000 generated ones (4.6 MB).
    for (const bytes of [0, 20_000, 4.6 * mb]) {
      expect(threadLimits(bytes)).toEqual({
        planner: { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 8 },
        worker: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 },
      });
    }
    // Ten times the registry: ten times the room (a fixed limit would end such an export out of memory).
    const large = threadLimits(46 * mb);
    expect(large.planner.maxOldGenerationSizeMb).toBe(46 * 32);
    expect(large.worker.maxOldGenerationSizeMb).toBe(46 * 26);
  });
});
