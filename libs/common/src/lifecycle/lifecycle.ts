import { DomainException } from '../errors/domain.exception';

/**
 * The lifecycle kernel: every record that moves through states (a complaint, a license, a welfare
 * claim, a refund order, ...) declares its moves in one table of rows, and this kernel answers the
 * three questions a service asks of it: which row is this move (`find`), which moves are open now
 * (`allowed`), and may this actor make this move in this context (`decide`: the row, or a
 * `LifecycleRefusalException` with a code).
 *
 * A row says from which state an action leads to which state, who may take it, what must hold
 * (a guard over a context the service builds), and what the move causes besides the state: the
 * audit action it appends, the deadlines it starts, meets, cancels, pauses or resumes, and the
 * notices it sends. The service that owns the record stays the only writer of its state and
 * carries the effects out, from the row's declarations.
 */

/** The deadlines a move touches, by kind. Entries may carry more than the kind (a label, a due rule, the pair a priority chooses from). */
export interface DeadlineEffects<K = string, Start = K> {
  readonly start?: readonly Start[];
  readonly meet?: readonly K[];
  readonly cancel?: readonly K[];
  readonly pause?: readonly K[];
  readonly resume?: readonly K[];
}

/** What a move causes besides its state. */
export interface LifecycleEffects<K = string, Start = K, Notice = string> {
  /** The audit action the move appends (`<subject>.<verb>`). */
  readonly audit: string;
  readonly deadlines?: DeadlineEffects<K, Start>;
  /** The notices (mail) the move sends, in order. */
  readonly notices?: readonly Notice[];
}

export interface TransitionRow<
  S extends string = string,
  A extends string = string,
  R extends string = string,
  C = never,
  P extends string = string,
  E extends LifecycleEffects<unknown, unknown, unknown> = LifecycleEffects<unknown, unknown, unknown>,
> {
  readonly from: S;
  readonly action: A;
  readonly to: S;
  /** Who may take the move: roles, and the lifecycle's own actors (`system` for a deadline firing, `complainant`). */
  readonly who: readonly R[];
  /** Null when the move may happen; otherwise the condition that fails. */
  readonly guard?: (ctx: C) => P | null;
  readonly effects: E;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRow = TransitionRow<string, string, string, any, string, LifecycleEffects<unknown, unknown, unknown>>;
type StateOf<Row extends AnyRow> = Row['from'];
type ActionOf<Row extends AnyRow> = Row['action'];
type ActorOf<Row extends AnyRow> = Row['who'][number];
type ContextOf<Row extends AnyRow> = Row extends TransitionRow<string, string, string, infer C> ? C : never;
type ProblemOf<Row extends AnyRow> = Row extends TransitionRow<string, string, string, never, infer P> ? P : string;

/** Why a move was refused. One code per kind of refusal, whatever the lifecycle. */
export enum LifecycleRefusalCode {
  /** No row leads from the current state by this action. */
  TransitionNotAllowed = 'transition-not-allowed',
  /** A row exists, but none of the actor's roles is among its `who`. */
  NotYourRole = 'not-your-role',
  /** The row's guard names a condition that does not hold (`condition`). */
  ConditionUnmet = 'condition-unmet',
}

export interface Refusal<S extends string = string, A extends string = string, R extends string = string, P extends string = string> {
  readonly code: LifecycleRefusalCode;
  /** The lifecycle's name (`complaint`, `license`, ...). */
  readonly lifecycle: string;
  readonly from: S;
  readonly action: A;
  /** The row's `who` (empty when there is no row). */
  readonly who: readonly R[];
  /** For ConditionUnmet: what the guard named. */
  readonly condition?: P;
}

/** A refusal as the API answers it: the problem+json the lifecycle has always given for it. */
export interface RefusalAnswer {
  /** The problem code (`urn:lcs:problem:<code>`). */
  readonly type: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly fields?: Record<string, unknown>;
}

/** The one exception for a refused move; `refusal.code` says why, the answer is the lifecycle's. */
export class LifecycleRefusalException extends DomainException {
  constructor(
    readonly refusal: Refusal,
    answer: RefusalAnswer,
  ) {
    super(answer.type, answer.status, answer.title, answer.detail, answer.fields ?? {});
  }
}

export interface LifecycleDefinition<Row extends AnyRow> {
  /** The subject's name, for refusals and tests (`complaint`). */
  readonly name: string;
  readonly states: readonly StateOf<Row>[];
  readonly actions: readonly ActionOf<Row>[];
  readonly rows: readonly Row[];
  /** How a refusal is answered; the context is the one the guard saw. */
  readonly answer: (
    refusal: Refusal<StateOf<Row>, ActionOf<Row>, ActorOf<Row>, ProblemOf<Row>>,
    lifecycle: Lifecycle<Row>,
    ctx: ContextOf<Row> | undefined,
  ) => RefusalAnswer;
}

export class Lifecycle<Row extends AnyRow> {
  constructor(readonly definition: LifecycleDefinition<Row>) {}

  get name(): string {
    return this.definition.name;
  }

  get rows(): readonly Row[] {
    return this.definition.rows;
  }

  /** The row for a move from `from` by `action`, if the table has one. */
  find(from: StateOf<Row>, action: ActionOf<Row>): Row | undefined {
    return this.definition.rows.find((t) => t.from === from && t.action === action);
  }

  /** The actions open from a state, in table order: to anyone, or to one of `actors`. */
  allowed(from: StateOf<Row>, actors?: readonly ActorOf<Row>[]): ActionOf<Row>[] {
    const actions = this.definition.rows
      .filter((t) => t.from === from && (!actors || t.who.some((w) => actors.includes(w))))
      .map((t) => t.action as ActionOf<Row>);
    return [...new Set(actions)];
  }

  /** Every actor the table names for an action, from any state, in table order: a route's roles. */
  who(action: ActionOf<Row>): ActorOf<Row>[] {
    return [...new Set(this.definition.rows.filter((t) => t.action === action).flatMap((t) => t.who as ActorOf<Row>[]))];
  }

  /** The actors of `among` (the roles, say) the table names for an action, in table order: a route's `@Roles`. */
  whoAmong<T extends string>(action: ActionOf<Row>, among: readonly T[]): T[] {
    return this.who(action).filter((w): w is ActorOf<Row> & T => (among as readonly string[]).includes(w));
  }

  /**
   * The actors of `among` the table names for any of its actions, in table order: the roles of a
   * route that takes every move (`POST …/actions/:action`); the table then refuses a role the move
   * itself does not list.
   */
  everyoneAmong<T extends string>(among: readonly T[]): T[] {
    const named = this.definition.rows.flatMap((t) => t.who as readonly string[]).filter((w): w is T => (among as readonly string[]).includes(w));
    return [...new Set(named)];
  }

  /** The row of a move the table has, whoever makes it (the route checked the role); otherwise throws TransitionNotAllowed. */
  require(from: StateOf<Row>, action: ActionOf<Row>): Row {
    const row = this.find(from, action);
    if (!row) throw this.refuse({ code: LifecycleRefusalCode.TransitionNotAllowed, lifecycle: this.name, from, action, who: [] });
    return row;
  }

  /** Why the move would be refused (the table, then who, then the guard), or null when it may be made. Pure. */
  refusal(
    from: StateOf<Row>,
    action: ActionOf<Row>,
    actors: readonly ActorOf<Row>[],
    ctx?: ContextOf<Row>,
  ): Refusal<StateOf<Row>, ActionOf<Row>, ActorOf<Row>, ProblemOf<Row>> | null {
    const base = { lifecycle: this.name, from, action };
    const row = this.find(from, action);
    if (!row) return { ...base, code: LifecycleRefusalCode.TransitionNotAllowed, who: [] };
    if (!row.who.some((w) => actors.includes(w))) return { ...base, code: LifecycleRefusalCode.NotYourRole, who: row.who };
    if (row.guard && ctx === undefined) throw new Error(`${this.name} '${action}' has a guard: decide it with a context`);
    const condition = (ctx !== undefined && row.guard?.(ctx)) || null;
    return condition ? { ...base, code: LifecycleRefusalCode.ConditionUnmet, who: row.who, condition: condition as ProblemOf<Row> } : null;
  }

  /** The row of a move the actor may make now; otherwise throws the refusal, answered as the lifecycle answers it. */
  decide(from: StateOf<Row>, action: ActionOf<Row>, actors: readonly ActorOf<Row>[], ctx?: ContextOf<Row>): Row {
    const refusal = this.refusal(from, action, actors, ctx);
    if (refusal) throw this.refuse(refusal, ctx);
    return this.find(from, action)!;
  }

  /** The exception for a refusal (a service may refuse a move for a reason of its own, in the lifecycle's words). */
  refuse(refusal: Refusal<StateOf<Row>, ActionOf<Row>, ActorOf<Row>, ProblemOf<Row>>, ctx?: ContextOf<Row>): LifecycleRefusalException {
    return new LifecycleRefusalException(refusal, this.definition.answer(refusal, this, ctx));
  }
}

export const defineLifecycle = <Row extends AnyRow>(definition: LifecycleDefinition<Row>): Lifecycle<Row> => new Lifecycle(definition);

/** What a table's rows may name: its actors, and the deadline kinds and notices that exist. */
export interface LifecycleVocabulary<Row extends AnyRow> {
  readonly actors: readonly string[];
  readonly deadlineKinds?: readonly string[];
  /** The kinds a deadline entry names (when entries are more than a kind). */
  readonly kindsOf?: (entry: never) => readonly string[];
  readonly notices?: readonly string[];
  /** The template a notice entry names (when entries are more than a template). */
  readonly noticeName?: (notice: NonNullable<Row['effects']['notices']>[number]) => string;
  /** The audit actions' subject prefix (`complaint.`). */
  readonly auditPrefix: string;
}

/** Everything wrong with a table, for its unit test: empty when every row names only what exists. */
export function lifecycleProblems<Row extends AnyRow>(lifecycle: Lifecycle<Row>, v: LifecycleVocabulary<Row>): string[] {
  const { states, actions, rows } = lifecycle.definition;
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const at = `${lifecycle.name} ${row.from} --${row.action}-->`;
    if (!states.includes(row.from) || !states.includes(row.to)) problems.push(`${at}: a state not in the list`);
    if (!actions.includes(row.action)) problems.push(`${at}: an action not in the list`);
    if (seen.has(`${row.from}|${row.action}`)) problems.push(`${at}: a second row for the same move`);
    seen.add(`${row.from}|${row.action}`);
    if (!row.who.length) problems.push(`${at}: nobody may take it`);
    for (const w of row.who) if (!v.actors.includes(w)) problems.push(`${at}: unknown actor '${w}'`);
    if (!row.effects.audit.startsWith(v.auditPrefix) || !/^[a-z]+(\.[a-z-]+)+$/.test(row.effects.audit))
      problems.push(`${at}: audit action '${row.effects.audit}' is not ${v.auditPrefix}<verb>`);
    const d = row.effects.deadlines ?? {};
    const entries = [...(d.start ?? []), ...(d.meet ?? []), ...(d.cancel ?? []), ...(d.pause ?? []), ...(d.resume ?? [])];
    for (const kind of entries.flatMap((e) => (v.kindsOf ? v.kindsOf(e as never) : [e as string]))) {
      if (!v.deadlineKinds?.includes(kind)) problems.push(`${at}: unknown deadline kind '${kind}'`);
    }
    for (const n of row.effects.notices ?? []) {
      const name = v.noticeName ? v.noticeName(n as never) : (n as string);
      if (!v.notices?.includes(name)) problems.push(`${at}: unknown notice '${name}'`);
    }
  }
  for (const action of actions) if (!rows.some((r) => r.action === action)) problems.push(`${lifecycle.name}: action '${action}' has no row`);
  return problems;
}
