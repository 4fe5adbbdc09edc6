import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allowedActions,
  applyAction,
  isSlaPausingState,
  isTerminalState,
  SERVICE_REQUEST_ACTIONS,
  SERVICE_REQUEST_KINDS,
  SERVICE_REQUEST_STATES,
  SERVICE_REQUEST_TRANSITIONS,
  SERVICE_REQUEST_TRANSITIONS_BY_KIND,
  type TServiceRequestAction,
  type TServiceRequestKind,
  type TServiceRequestState,
} from '@contract/service-request-workflow';
import {
  allowedTaskActions,
  applyTaskAction,
  TASK_REQUEST_ACTIONS,
  TASK_REQUEST_STATES,
  type TTaskRequestAction,
  type TTaskRequestState,
} from '@contract/task-requests';
import type { TActorRelation } from '@contract/workflow';
import { ROLES, type TRole } from '@contract/roles';
import fc from 'fast-check';

// ── An independent model, written by hand from the spec and the issue text ──

type State = TServiceRequestState;
type Action = TServiceRequestAction;
type Kind = TServiceRequestKind;

const has = (roles: readonly TRole[], ...wanted: TRole[]) => wanted.some((w) => roles.includes(w));
const assigned = (rel: TActorRelation) => rel.isResponsible || rel.isBackup;

/** The edges of the common flow. */
const EDGES: Record<Action, { from: State[]; to: State }> = {
  issue: { from: ['draft'], to: 'issued' },
  accept: { from: ['issued', 'reopened'], to: 'accepted' },
  schedule: { from: ['accepted'], to: 'scheduled' },
  depart: { from: ['scheduled'], to: 'travelling' },
  arrive: { from: ['travelling', 'scheduled'], to: 'on_site' },
  wait_customer: { from: ['on_site', 'accepted', 'scheduled'], to: 'waiting_customer' },
  wait_parts: { from: ['on_site'], to: 'waiting_parts' },
  resume: { from: ['waiting_customer', 'waiting_parts'], to: 'on_site' },
  resolve: { from: ['on_site', 'accepted'], to: 'resolved' },
  follow_up: { from: ['resolved'], to: 'follow_up' },
  close: { from: ['follow_up'], to: 'closed' },
  cancel: { from: ['draft', 'issued', 'accepted', 'scheduled'], to: 'cancelled' },
  reopen: { from: ['resolved', 'follow_up', 'closed'], to: 'reopened' },
};

/** Extra sources per kind (R-EMER-1: accepted by phone before the form is issued). */
function sourcesOf(action: Action, kind: Kind): State[] {
  const base = EDGES[action].from;
  if (kind === 'emergency_repair' && action === 'accept') return [...base, 'draft'];
  if (kind === 'emergency_repair' && action === 'depart') return [...base, 'accepted'];
  if (kind === 'spare_parts' && action === 'wait_parts') return [...base, 'accepted'];
  if ((kind === 'training' || kind === 'consulting') && action === 'wait_parts') return [];
  return base;
}

/** Who may: [holds a role that the action names at all, and may take it given the relation]. */
function who(action: Action, roles: readonly TRole[], rel: TActorRelation): { roleOk: boolean; ok: boolean } {
  const engineerOrManager = () => ({
    roleOk: has(roles, 'engineer', 'tech_manager', 'project_manager'),
    ok: has(roles, 'tech_manager', 'project_manager') || (has(roles, 'engineer') && assigned(rel)),
  });
  const engineerOnly = () => ({ roleOk: has(roles, 'engineer'), ok: has(roles, 'engineer') && assigned(rel) });
  switch (action) {
    case 'issue':
      return { roleOk: has(roles, 'sales', 'tech_manager'), ok: has(roles, 'sales', 'tech_manager') };
    case 'accept':
    case 'depart':
    case 'arrive':
    case 'resolve':
      return engineerOnly();
    case 'schedule':
    case 'wait_customer':
    case 'wait_parts':
    case 'resume':
    case 'follow_up':
      return engineerOrManager();
    case 'close':
      return { roleOk: has(roles, 'tech_manager'), ok: has(roles, 'tech_manager') };
    case 'cancel':
      return { roleOk: has(roles, 'tech_manager', 'sales'), ok: has(roles, 'tech_manager') || (has(roles, 'sales') && rel.isIssuer) };
    case 'reopen':
      return { roleOk: has(roles, 'tech_manager', 'sales', 'receiver'), ok: has(roles, 'tech_manager', 'sales', 'receiver') };
  }
}

type ModelResult = { ok: true; to: State } | { ok: false; reason: string; from: State; action: Action };

function model(
  state: State,
  kind: Kind,
  action: Action,
  roles: readonly TRole[],
  rel: TActorRelation,
  pausedFrom: State | null,
): ModelResult {
  if (!sourcesOf(action, kind).includes(state)) return { ok: false, reason: 'illegal_transition', from: state, action };
  const w = who(action, roles, rel);
  if (!w.roleOk) return { ok: false, reason: 'role_not_allowed', from: state, action };
  if (!w.ok) return { ok: false, reason: 'not_assigned', from: state, action };
  if (action === 'resume' && pausedFrom !== null) {
    const pauseAction: Action = state === 'waiting_parts' ? 'wait_parts' : 'wait_customer';
    if (sourcesOf(pauseAction, kind).includes(pausedFrom)) return { ok: true, to: pausedFrom };
  }
  return { ok: true, to: EDGES[action].to };
}

const WAITING: State[] = ['waiting_customer', 'waiting_parts'];
const ALL_ROLES: TRole[] = [...ROLES];
const FULL: TActorRelation = { isResponsible: true, isBackup: true, isIssuer: true };

const arbState = fc.constantFrom(...SERVICE_REQUEST_STATES);
const arbKind = fc.constantFrom(...SERVICE_REQUEST_KINDS);
const arbStep = fc.record({
  action: fc.constantFrom(...SERVICE_REQUEST_ACTIONS),
  roles: fc.subarray(ALL_ROLES),
  relation: fc.record({ isResponsible: fc.boolean(), isBackup: fc.boolean(), isIssuer: fc.boolean() }),
});

/** Whether the table has a row taking `action` from `from` to `to` for this kind. */
function tableAllows(kind: Kind, from: State, action: Action, to: State): boolean {
  return SERVICE_REQUEST_TRANSITIONS_BY_KIND[kind].some(
    (t) => t.action === action && t.from.includes(from) && (t.to === to || (t.returnsToPausedFrom === true && !WAITING.includes(to))),
  );
}

/** Run a sequence, checking every step against the model; returns the states visited. */
function runAgainstModel(
  kind: Kind,
  initial: State,
  initialPausedFrom: State | null,
  steps: readonly { action: Action; roles: TRole[]; relation: TActorRelation }[],
) {
  let state = initial;
  let pausedFrom = WAITING.includes(initial) ? initialPausedFrom : null;
  const visited: State[] = [state];
  for (const s of steps) {
    const got = applyAction(state, kind, s.action, s.roles, s.relation, { pausedFrom });
    const expected = model(state, kind, s.action, s.roles, s.relation, pausedFrom);
    assert.deepEqual(got, expected, `${kind}: ${state} --${s.action}--> [${s.roles.join(',')}] ${JSON.stringify(s.relation)}`);
    assert.equal(
      allowedActions(state, kind, s.roles, s.relation).includes(s.action),
      got.ok,
      `allowedActions agrees with applyAction on ${s.action}`,
    );
    if (!got.ok) continue;
    assert.ok(tableAllows(kind, state, s.action, got.to), `the table has ${state} --${s.action}--> ${got.to}`);
    if (WAITING.includes(got.to) && !WAITING.includes(state)) pausedFrom = state;
    if (!WAITING.includes(got.to)) pausedFrom = null;
    state = got.to;
    visited.push(state);
  }
  return visited;
}

function reachableFromDraft(kind: Kind): Set<State> {
  const seen = new Set<string>(['draft|']);
  const states = new Set<State>(['draft']);
  const queue: [State, State | null][] = [['draft', null]];
  while (queue.length > 0) {
    const [state, pausedFrom] = queue.shift()!;
    for (const action of allowedActions(state, kind, ALL_ROLES, FULL)) {
      const r = applyAction(state, kind, action, ALL_ROLES, FULL, { pausedFrom });
      assert.ok(r.ok);
      const nextPausedFrom = WAITING.includes(r.to) ? (WAITING.includes(state) ? pausedFrom : state) : null;
      const key = `${r.to}|${nextPausedFrom ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      states.add(r.to);
      queue.push([r.to, nextPausedFrom]);
    }
  }
  return states;
}

describe('service request workflow', () => {
  it('R-FLOW-1 random sequences of actions, roles and relations agree with an independent model on every step', () => {
    fc.assert(
      fc.property(
        arbKind,
        arbState,
        fc.option(arbState, { nil: null }),
        fc.array(arbStep, { maxLength: 40 }),
        (kind, initial, pausedFrom, steps) => {
          runAgainstModel(kind, initial, pausedFrom, steps);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('R-FLOW-1 walks taking only permitted actions from draft stay on the table and agree with the model', () => {
    // Random roles rarely line up for long runs; here each step picks among what the user may do.
    fc.assert(
      fc.property(arbKind, fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), (kind, picks) => {
        let state: State = 'draft';
        let pausedFrom: State | null = null;
        for (const pick of picks) {
          const options = allowedActions(state, kind, ALL_ROLES, FULL);
          if (options.length === 0) break;
          const action = options[pick % options.length];
          const [next] = runAgainstModel(kind, state, pausedFrom, [{ action, roles: ALL_ROLES, relation: FULL }]).slice(-1);
          assert.notEqual(next, state, `${action} moves the request`);
          pausedFrom = WAITING.includes(next) ? (WAITING.includes(state) ? pausedFrom : state) : null;
          state = next;
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('R-FLOW-1 terminal states have no way out but reopen from closed, for every kind and every role', () => {
    for (const kind of SERVICE_REQUEST_KINDS) {
      assert.deepEqual(allowedActions('closed', kind, ALL_ROLES, FULL), ['reopen']);
      assert.deepEqual(allowedActions('cancelled', kind, ALL_ROLES, FULL), []);
      for (const action of SERVICE_REQUEST_ACTIONS) {
        const r = applyAction('cancelled', kind, action, ALL_ROLES, FULL);
        assert.deepEqual(r, { ok: false, reason: 'illegal_transition', from: 'cancelled', action });
      }
    }
    assert.ok(isTerminalState('closed') && isTerminalState('cancelled') && !isTerminalState('resolved'));
  });

  it('R-FLOW-1 every state is reachable from draft; each kind reaches all but what it disables', () => {
    const union = new Set<State>();
    for (const kind of SERVICE_REQUEST_KINDS) {
      const reached = reachableFromDraft(kind);
      for (const s of reached) union.add(s);
      const expected = SERVICE_REQUEST_STATES.filter((s) => !(s === 'waiting_parts' && (kind === 'training' || kind === 'consulting')));
      assert.deepEqual([...reached].sort(), [...expected].sort(), kind);
    }
    assert.deepEqual([...union].sort(), [...SERVICE_REQUEST_STATES].sort());
  });

  it('R-FLOW-1 the table is consistent: rows of one action and source agree on the target; every row names roles', () => {
    for (const kind of SERVICE_REQUEST_KINDS) {
      for (const a of SERVICE_REQUEST_TRANSITIONS_BY_KIND[kind]) {
        assert.ok(a.roles.length > 0);
        for (const b of SERVICE_REQUEST_TRANSITIONS_BY_KIND[kind])
          if (a.action === b.action && a.from.some((s) => b.from.includes(s))) assert.equal(a.to, b.to, `${kind} ${a.action}`);
      }
    }
    // Kinds differ only where declared: the common table is the effective table of a kind with no variation.
    assert.deepEqual(SERVICE_REQUEST_TRANSITIONS_BY_KIND.installation, SERVICE_REQUEST_TRANSITIONS);
  });

  it('R-EMER-1 an urgent request is accepted by phone from the draft (form filled after); other kinds must be issued first', () => {
    const engineer: TRole[] = ['engineer'];
    const responsible: TActorRelation = { isResponsible: true, isBackup: false, isIssuer: false };
    assert.deepEqual(applyAction('draft', 'emergency_repair', 'accept', engineer, responsible), { ok: true, to: 'accepted' });
    assert.deepEqual(applyAction('draft', 'installation', 'accept', engineer, responsible), {
      ok: false,
      reason: 'illegal_transition',
      from: 'draft',
      action: 'accept',
    });
    // … and the engineer may leave at once, without a scheduled slot.
    assert.deepEqual(applyAction('accepted', 'emergency_repair', 'depart', engineer, responsible), { ok: true, to: 'travelling' });
  });

  it('R-EMER-1 only the responsible or backup engineer takes the field steps; managers plan any request; sales cancels only what it issued', () => {
    const stranger: TActorRelation = { isResponsible: false, isBackup: false, isIssuer: false };
    const backup: TActorRelation = { isResponsible: false, isBackup: true, isIssuer: false };
    assert.deepEqual(applyAction('issued', 'installation', 'accept', ['engineer'], stranger), {
      ok: false,
      reason: 'not_assigned',
      from: 'issued',
      action: 'accept',
    });
    assert.deepEqual(applyAction('issued', 'installation', 'accept', ['engineer'], backup), { ok: true, to: 'accepted' });
    assert.deepEqual(applyAction('issued', 'installation', 'accept', ['sales'], backup), {
      ok: false,
      reason: 'role_not_allowed',
      from: 'issued',
      action: 'accept',
    });
    assert.deepEqual(applyAction('accepted', 'installation', 'schedule', ['tech_manager'], stranger), { ok: true, to: 'scheduled' });
    assert.equal(applyAction('issued', 'installation', 'cancel', ['sales'], stranger).ok, false);
    assert.equal(applyAction('issued', 'installation', 'cancel', ['sales'], { ...stranger, isIssuer: true }).ok, true);
  });

  it('R-EMER-1 resume returns to where the request paused; only waiting for the customer stops the SLA', () => {
    const e: TRole[] = ['engineer'];
    const r: TActorRelation = { isResponsible: true, isBackup: false, isIssuer: false };
    assert.deepEqual(applyAction('waiting_customer', 'installation', 'resume', e, r, { pausedFrom: 'scheduled' }), {
      ok: true,
      to: 'scheduled',
    });
    assert.deepEqual(applyAction('waiting_customer', 'installation', 'resume', e, r, { pausedFrom: 'accepted' }), {
      ok: true,
      to: 'accepted',
    });
    assert.deepEqual(applyAction('waiting_parts', 'spare_parts', 'resume', e, r, { pausedFrom: 'accepted' }), { ok: true, to: 'accepted' });
    // Unknown or impossible origin: back on site.
    assert.deepEqual(applyAction('waiting_parts', 'installation', 'resume', e, r, { pausedFrom: 'accepted' }), { ok: true, to: 'on_site' });
    assert.deepEqual(applyAction('waiting_customer', 'installation', 'resume', e, r), { ok: true, to: 'on_site' });
    assert.deepEqual(
      SERVICE_REQUEST_STATES.filter((s) => isSlaPausingState(s)),
      ['waiting_customer'],
    );
  });
});

// ── Task Request Form 任务要求单 (R-ORG-3) ──

function taskModel(state: TTaskRequestState, action: TTaskRequestAction, roles: readonly TRole[], rel: TActorRelation) {
  const edges: Record<TTaskRequestAction, { from: TTaskRequestState[]; to: TTaskRequestState }> = {
    issue: { from: ['draft'], to: 'issued' },
    start: { from: ['issued'], to: 'in_progress' },
    complete: { from: ['in_progress'], to: 'done' },
    cancel: { from: ['draft', 'issued', 'in_progress'], to: 'cancelled' },
  };
  if (!edges[action].from.includes(state)) return { ok: false, reason: 'illegal_transition', from: state, action };
  const assignee = has(roles, 'engineer', 'project_manager');
  const [roleOk, ok] =
    action === 'issue' || action === 'cancel'
      ? [has(roles, 'tech_manager'), has(roles, 'tech_manager')]
      : action === 'start'
        ? [assignee, assignee && rel.isResponsible]
        : [assignee || has(roles, 'tech_manager'), has(roles, 'tech_manager') || (assignee && rel.isResponsible)];
  if (!roleOk) return { ok: false, reason: 'role_not_allowed', from: state, action };
  if (!ok) return { ok: false, reason: 'not_assigned', from: state, action };
  return { ok: true, to: edges[action].to };
}

describe('task request form workflow', () => {
  it('R-ORG-3 every state × action × role set × relation agrees with the model (exhaustive)', () => {
    const roleSets: TRole[][] = Array.from({ length: 1 << ROLES.length }, (_, mask) => ROLES.filter((_, i) => mask & (1 << i)));
    const relations: TActorRelation[] = [0, 1, 2, 3, 4, 5, 6, 7].map((m) => ({
      isResponsible: !!(m & 1),
      isBackup: !!(m & 2),
      isIssuer: !!(m & 4),
    }));
    for (const state of TASK_REQUEST_STATES)
      for (const action of TASK_REQUEST_ACTIONS)
        for (const roles of roleSets)
          for (const rel of relations) {
            const got = applyTaskAction(state, action, roles, rel);
            assert.deepEqual(got, taskModel(state, action, roles, rel));
            assert.equal(allowedTaskActions(state, roles, rel).includes(action), got.ok);
          }
    assert.deepEqual(allowedTaskActions('done', ['tech_manager'], { isResponsible: true, isBackup: true, isIssuer: true }), []);
  });
});
