import fc from 'fast-check';
import { CREDIBILITY_GRADES, RELIABILITY_GRADES, STATUSES, type IndicatorSet } from '../../src/core/types.js';

/**
 * The fields of a drawn event (fixtures.ts DrawnEvent) over a set's kinds and substances, dated by
 * `date`: mostly the subject, some other actors, any status, now and then a magnitude, substances,
 * tags and source grades. Property tests add the fields they need (measures, due dates).
 */
export function eventFields(set: IndicatorSet, date: fc.Arbitrary<string>) {
  return {
    date,
    actor: fc.constantFrom('CN', 'CN', 'CN', 'US', 'MX'),
    kind: fc.constantFrom(...Object.keys(set.kinds)),
    status: fc.constantFrom(...STATUSES),
    magnitude: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
    substances: fc.option(fc.subarray(Object.keys(set.substances), { maxLength: 3 }), { nil: undefined }),
    tags: fc.option(fc.subarray(['us-intel-lead', 'money-laundering', 'other'], { maxLength: 2 }), { nil: undefined }),
    reliability: fc.option(fc.constantFrom(...RELIABILITY_GRADES), { nil: undefined }),
    credibility: fc.option(fc.constantFrom(...CREDIBILITY_GRADES), { nil: undefined }),
  };
}
