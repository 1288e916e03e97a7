// The consistency view's arithmetic: exact binomial and Fisher tests, Holm's correction and small-group suppression.
// Pure: every figure is plain arithmetic a person can redo with a calculator or a spreadsheet.

/** Groups with fewer people than this show no counts, so no one can be identified. */
export const minimumGroupSize = 5;
/** Family-wise error rate: a group is flagged when its Holm-adjusted p-value is below it. */
export const flagThreshold = 0.01;

const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7; relative error below 1e-13). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = lanczos[0] as number;
  for (let i = 1; i < 9; i++) sum += (lanczos[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialProbability(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return 0;
  if (p <= 0) return k === 0 ? 1 : 0;
  if (p >= 1) return k === n ? 1 : 0;
  return Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

// Outcomes as likely as the observed one within this relative margin count as "as extreme" (rounding).
const relativeTolerance = 1 + 1e-7;

/**
 * Two-sided exact binomial test of k successes in n trials against probability p: the sum of the
 * probabilities of every outcome no more likely than the one observed (the method of R's binom.test).
 */
export function binomialTestTwoSided(k: number, n: number, p: number): number {
  assertCount(k, n);
  if (!(p >= 0 && p <= 1)) throw new RangeError('p must be between 0 and 1');
  if (p === 0 || p === 1) return binomialProbability(k, n, p) > 0 ? 1 : 0;
  // Log-probabilities by recurrence from P(X = 0): one pass of n steps, no factorials.
  const logOdds = Math.log(p) - Math.log1p(-p);
  const logObserved = logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
  const margin = Math.log(relativeTolerance);
  let logProbability = n * Math.log1p(-p);
  let total = 0;
  for (let i = 0; i <= n; i++) {
    if (logProbability <= logObserved + margin) total += Math.exp(logProbability);
    logProbability += Math.log((n - i) / (i + 1)) + logOdds;
  }
  return Math.min(1, total);
}

/**
 * Fisher's exact test, two-sided, of the 2×2 table [[a, b], [c, d]]: the sum of the hypergeometric
 * probabilities of every table with the same margins that is no more likely than the one observed.
 */
export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  for (const cell of [a, b, c, d]) {
    if (!Number.isInteger(cell) || cell < 0) throw new RangeError('cells must be counts');
  }
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  const logTable = (x: number) => logChoose(row1, x) + logChoose(n - row1, col1 - x) - logChoose(n, col1);
  const observed = logTable(a);
  let total = 0;
  for (let x = Math.max(0, col1 - (n - row1)); x <= Math.min(row1, col1); x++) {
    const l = logTable(x);
    if (l <= observed + Math.log(relativeTolerance)) total += Math.exp(l);
  }
  return Math.min(1, total);
}

/** Holm's step-down adjustment of p-values (same order as given): controls the family-wise error rate. */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

function assertCount(k: number, n: number) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a count');
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError('k must be a count no larger than n');
}

/** The counts of one group (a manager's reports or a department), as the database aggregated them. */
export type GroupCounts = {
  key: string;
  label: string;
  /** People in the group (directory). */
  headcount: number;
  /** People in the group with at least one plan. */
  peopleWithPlan: number;
  plans: number;
  /** Median planned length of the group's plans, in weeks (null without plans). */
  medianLengthWeeks: number | null;
  successful: number;
  unsuccessful: number;
  cancelled: number;
  /** Plans whose every focus area has a linked metric (baseline and target). */
  withMeasurableGoals: number;
  /** Plans whose every focus area has at least one dated example. */
  withDatedExamples: number;
  activitiesDone: number;
  activitiesPlanned: number;
  mentorSessionsHeld: number;
};

export type Test = { pValue: number; adjustedPValue: number; isFlagged: boolean };

export type GroupConsistency =
  | {
      key: string;
      label: string;
      isSuppressed: true;
    }
  | {
      key: string;
      label: string;
      isSuppressed: false;
      headcount: number;
      plans: number;
      peopleWithPlan: number;
      /** Plans per 100 people. */
      plansPer100: number;
      /** What the organisation's rate would give this group: its headcount × the organisation's share. */
      expectedPeopleWithPlan: number;
      medianLengthWeeks: number | null;
      successful: number;
      unsuccessful: number;
      cancelled: number;
      unsuccessfulShare: number | null;
      measurableGoalsShare: number | null;
      datedExamplesShare: number | null;
      supportDeliveredShare: number | null;
      mentorSessionsHeld: number;
      /** Binomial test of the people on a plan against the organisation's share × headcount. */
      rateTest: Test;
      /** Fisher's exact test of unsuccessful vs successful outcomes against the rest of the organisation. */
      outcomeTest: Test | null;
      isFlagged: boolean;
    };

export type OrganizationNorm = {
  headcount: number;
  plans: number;
  peopleWithPlan: number;
  plansPer100: number;
  /** Share of people with at least one plan. */
  peopleWithPlanShare: number;
  medianLengthWeeks: number | null;
  unsuccessfulShare: number | null;
  measurableGoalsShare: number | null;
  datedExamplesShare: number | null;
  supportDeliveredShare: number | null;
};

export type Consistency = {
  norm: OrganizationNorm;
  groups: GroupConsistency[];
  method: {
    rateTest: string;
    outcomeTest: string;
    correction: 'holm';
    threshold: number;
    minimumGroupSize: number;
  };
};

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
const roundShare = (x: number | null) => (x === null ? null : round(x));

function testGroups(organization: Omit<GroupCounts, 'key' | 'label'>, groups: GroupCounts[]) {
  const orgShare = share(organization.peopleWithPlan, organization.headcount) ?? 0;
  const computed = new Map<string, number>();
  const once = (key: string, compute: () => number): number => {
    let value = computed.get(key);
    if (value === undefined) {
      value = compute();
      computed.set(key, value);
    }
    return value;
  };
  const decidedOrg = organization.successful + organization.unsuccessful;
  const norm: OrganizationNorm = {
    headcount: organization.headcount,
    plans: organization.plans,
    peopleWithPlan: organization.peopleWithPlan,
    plansPer100:
      organization.headcount > 0 ? round((100 * organization.plans) / organization.headcount, 2) : 0,
    peopleWithPlanShare: round(orgShare),
    medianLengthWeeks: organization.medianLengthWeeks,
    unsuccessfulShare: roundShare(share(organization.unsuccessful, decidedOrg)),
    measurableGoalsShare: roundShare(share(organization.withMeasurableGoals, organization.plans)),
    datedExamplesShare: roundShare(share(organization.withDatedExamples, organization.plans)),
    supportDeliveredShare: roundShare(share(organization.activitiesDone, organization.activitiesPlanned)),
  };
  const shown = groups.filter((g) => g.headcount >= minimumGroupSize);
  // Thousands of managers' groups share a few hundred distinct counts: each test is computed once per distinct
  // input (the organisation's share and totals are the same for every group).
  const rateP = shown.map((g) => {
    const k = Math.min(g.peopleWithPlan, g.headcount);
    return once(`${k}/${g.headcount}`, () => binomialTestTwoSided(k, g.headcount, orgShare));
  });
  const outcomeP = shown.map((g) => {
    const restSuccessful = organization.successful - g.successful;
    const restUnsuccessful = organization.unsuccessful - g.unsuccessful;
    if (g.successful + g.unsuccessful === 0 || restSuccessful + restUnsuccessful === 0) return null;
    return once(`${g.unsuccessful}:${g.successful}`, () =>
      fisherExactTwoSided(
        g.unsuccessful,
        g.successful,
        Math.max(0, restUnsuccessful),
        Math.max(0, restSuccessful),
      ),
    );
  });
  const rateAdjusted = holmAdjust(rateP);
  const tested = outcomeP.flatMap((p, i) => (p === null ? [] : [{ p, i }]));
  const outcomeAdjusted = new Map(
    holmAdjust(tested.map((t) => t.p)).map((adjusted, j) => [tested[j]?.i, adjusted]),
  );
  const test = (pValue: number, adjustedPValue: number): Test => ({
    pValue,
    adjustedPValue,
    isFlagged: adjustedPValue < flagThreshold,
  });
  /** The shown group at `i` (of `shown`) with its tests. */
  const describe = (i: number): GroupConsistency => {
    const g = shown[i] as GroupCounts;
    const rateTest = test(rateP[i] as number, rateAdjusted[i] as number);
    const p = outcomeP[i];
    const outcomeTest = p === null || p === undefined ? null : test(p, outcomeAdjusted.get(i) as number);
    return {
      key: g.key,
      label: g.label,
      isSuppressed: false,
      headcount: g.headcount,
      plans: g.plans,
      peopleWithPlan: g.peopleWithPlan,
      plansPer100: round((100 * g.plans) / g.headcount, 2),
      expectedPeopleWithPlan: round(g.headcount * orgShare, 2),
      medianLengthWeeks: g.medianLengthWeeks,
      successful: g.successful,
      unsuccessful: g.unsuccessful,
      cancelled: g.cancelled,
      unsuccessfulShare: roundShare(share(g.unsuccessful, g.successful + g.unsuccessful)),
      measurableGoalsShare: roundShare(share(g.withMeasurableGoals, g.plans)),
      datedExamplesShare: roundShare(share(g.withDatedExamples, g.plans)),
      supportDeliveredShare: roundShare(share(g.activitiesDone, g.activitiesPlanned)),
      mentorSessionsHeld: g.mentorSessionsHeld,
      rateTest,
      outcomeTest,
      isFlagged: rateTest.isFlagged || (outcomeTest?.isFlagged ?? false),
    };
  };
  /** Whether the shown group at `i` is flagged, without describing it. */
  const isFlagged = (i: number): boolean =>
    (rateAdjusted[i] as number) < flagThreshold ||
    (outcomeAdjusted.has(i) && (outcomeAdjusted.get(i) as number) < flagThreshold);
  return { norm, shown, rateAdjusted, describe, isFlagged };
}

const method: Consistency['method'] = {
  rateTest:
    "two-sided exact binomial test of the group's people on a plan against its headcount × the organisation's share",
  outcomeTest:
    "two-sided Fisher's exact test of the group's unsuccessful and successful outcomes against the rest of the organisation's",
  correction: 'holm',
  threshold: flagThreshold,
  minimumGroupSize,
};

/**
 * Sets each group against the organisation. `organization` holds the whole organisation's counts
 * (every group, including the suppressed ones and people in no group). Tests run only on groups large
 * enough to show; Holm's correction runs across those groups, separately for each test.
 */
export function assessConsistency(
  organization: Omit<GroupCounts, 'key' | 'label'>,
  groups: GroupCounts[],
): Consistency {
  const { norm, shown, describe } = testGroups(organization, groups);
  const results = new Map(shown.map((g, i) => [g.key, describe(i)]));
  return {
    norm,
    groups: groups.map(
      (g) => results.get(g.key) ?? { key: g.key, label: g.label, isSuppressed: true as const },
    ),
    method,
  };
}

const byLabel = new Intl.Collator(undefined).compare;

/**
 * The groups in the order the consistency view shows them: flagged groups first, then the least likely by chance
 * (by the rate test's adjusted p-value), then by label; suppressed groups last, by label. Every group is tested
 * (Holm's adjustment needs every p-value), but only the first `limit` are described, so that ten thousand
 * managers' groups cost their tests and an ordering, not ten thousand descriptions.
 */
export function rankConsistency(
  organization: Omit<GroupCounts, 'key' | 'label'>,
  groups: GroupCounts[],
  limit = Number.POSITIVE_INFINITY,
): Consistency & { groupCount: number; flaggedCount: number; suppressedCount: number } {
  const { norm, shown, rateAdjusted, describe, isFlagged } = testGroups(organization, groups);
  const flagged = shown.map((_, i) => isFlagged(i));
  // Ordered by the numbers first (flagged, then the adjusted p-value); labels, which cost a collation each, only
  // order the runs of equal numbers that reach into the window, and a long run only as far as the window needs.
  const byNumbers = shown
    .map((_, i) => i)
    .sort(
      (a, b) =>
        Number(flagged[b]) - Number(flagged[a]) || (rateAdjusted[a] as number) - (rateAdjusted[b] as number),
    );
  const labelOf = (i: number) => (shown[i] as GroupCounts).label;
  const ordered: number[] = [];
  for (let start = 0; start < byNumbers.length && ordered.length < limit; ) {
    const first = byNumbers[start] as number;
    let end = start + 1;
    while (
      end < byNumbers.length &&
      flagged[byNumbers[end] as number] === flagged[first] &&
      rateAdjusted[byNumbers[end] as number] === rateAdjusted[first]
    ) {
      end++;
    }
    const run = byNumbers.slice(start, end);
    ordered.push(...smallest(run, limit - ordered.length, (a, b) => byLabel(labelOf(a), labelOf(b))));
    start = end;
  }
  const rest = Math.max(0, limit - ordered.length);
  const suppressedGroups = groups.filter((g) => g.headcount < minimumGroupSize);
  const suppressed = smallest(suppressedGroups, rest, (a, b) => byLabel(a.label, b.label));
  const window = ordered.map(describe);
  return {
    norm,
    groups: [
      ...window,
      ...suppressed.map((g) => ({ key: g.key, label: g.label, isSuppressed: true as const })),
    ],
    method,
    groupCount: groups.length,
    flaggedCount: flagged.filter(Boolean).length,
    suppressedCount: suppressedGroups.length,
  };
}

/** The first `count` items in `compare`'s order, in that order; one pass when `count` is small against the list. */
function smallest<T>(items: readonly T[], count: number, compare: (a: T, b: T) => number): T[] {
  if (count <= 0) return [];
  if (count * 8 >= items.length) return [...items].sort(compare).slice(0, count);
  const best: T[] = [];
  for (const item of items) {
    if (best.length === count && compare(item, best[count - 1] as T) >= 0) continue;
    // Binary insertion after equal items, so that equal items keep their first-come order (as a stable sort).
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(item, best[middle] as T) < 0) high = middle;
      else low = middle + 1;
    }
    best.splice(low, 0, item);
    if (best.length > count) best.pop();
  }
  return best;
}
