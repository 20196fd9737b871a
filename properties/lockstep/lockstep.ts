/*
 * The lockstep runner (docs/invariants.md): one program, statement by statement, on the implementation and on the
 * model. After every statement the trace lines and the snapshots are compared (compareTrace,
 * compareObjects), the implementation's allocator calls have been replayed into the allocator model
 * (CheckedAllocator), and the implementation's debug heap check runs (heapCheck.ts names its reports).
 * The first failure stops the run and names its invariant (properties/invariants/catalogue.ts says
 * which checker reports which). An exception that is no allocator finding ends it too, rethrown as a
 * LockstepCrash that says at which step (lockstepCrash.ts).
 * The implementation's address of every object is remembered from its snapshots, so that the memory a
 * freelist hands to a new object can be checked against the object the model says was freed last.
 * Each statement of the program that passes also counts, per invariant, whether it exercised it
 * (exercise.ts; LockstepResult.exercised).
 *
 * The contract level (`contract`, docs/contract-levels.md) decides what is compared. `cpython`, the default, is
 * all of the above. Under `refcount` and `reachability` the model adopts the engine's deaths it does not
 * decide itself (adoption.ts, model/machine/adopt.ts), compareLevels.ts compares what is left, the
 * allocator calls are checked only for overlapping blocks (disjointBlocks.ts), the engine's heap check
 * counts only for the level's invariants, and only the level's invariants are counted as exercised.
 *
 * After the last statement comes the teardown (teardown.ts): every name is deleted, `revived` and
 * `gc.garbage` are cleared and full collections run until the model's heap is empty; then the
 * implementation must hold no object and no block but the raw blocks the program leaked.
 */
import type { Program, Statement } from '../../language/ast.js';
import type { AllocatorModel } from '../../model/allocator/model.js';
import type { ModelMachine } from '../../model/machine/machine.js';
import { ModelEngine } from '../../model/run.js';
import type { TraceLine } from '../../contract/trace.js';
import type { CreateEngine, HeapInspection } from '../../contract/engine.js';
import { contractLevelOf, declarationOf, observes } from '../../contract/declaration.js';
import { allocatorMismatchOf, CheckedAllocator } from './checkedAllocator.js';
import { compareTrace } from './compareTrace.js';
import { objectsAgree } from './objectsAgree.js';
import type { Diverge, Divergence } from './divergence.js';
import { ExerciseCounter, NOTHING_EXERCISED, type ExerciseCounts } from './exercise.js';
import { invariantOfHeapProblem } from './heapCheck.js';
import { checkEmptyHeap, teardownStatements } from './teardown.js';
import { Adoption } from './adoption.js';
import { crashAt } from './lockstepCrash.js';
import { compareAtLevel } from './compareLevels.js';
import { DisjointBlocks } from './disjointBlocks.js';
import { invariantEntry } from '../invariants/catalogue.js';
import { atLevel, type ContractLevel } from '../invariants/invariantEntry.js';

export interface LockstepOptions {
  /**
   * The contract level the engine is held to (docs/contract-levels.md); default: the level the factory
   * declares (its `pymem` property, which loadPlugin sets from the module's export), else `cpython`.
   * checkEngine resolves a level declared by the engine object itself and passes it here.
   */
  contract?: ContractLevel;
  /** Compare per-object refcounts, generations and flags (default true). */
  snapshots?: boolean;
  /** Run the implementation's debug heap check after every statement (default true). */
  heapCheck?: boolean;
  /** Tear down and check the heap is empty at the end (default true). */
  teardown?: boolean;
  /**
   * Keep the model's snapshot in every line of `modelTrace` (default false: the lines carry no
   * `objects`). `pymem replay` and the campaign tests ask for it.
   */
  traceSnapshots?: boolean;
  /**
   * Called after every statement (teardown included) with the model's line, its machine and each live
   * object's refcount by id (the runner's own count): what a snapshot would say, without one record per
   * object. Campaigns read their live-object features here (fuzz/worker/traceFeatures.ts). Only with
   * `snapshots` (the default).
   */
  observe?: (line: TraceLine, model: ModelMachine, refcounts: Int32Array) => void;
  /**
   * Called once after the program's last statement passed, before the teardown, with the model and the
   * allocator model that replayed the engine's calls (absent when the engine reports none): what
   * `pymem stats` shows.
   */
  atEnd?: (model: ModelMachine, allocator: AllocatorModel | undefined) => void;
}

export interface LockstepResult {
  divergence: Divergence | null;
  /** Statements executed on both sides, teardown included. */
  steps: number;
  /** The model's trace lines; with `traceSnapshots`, each with its snapshot. */
  modelTrace: TraceLine[];
  /**
   * The engine's semantic event counters (EngineUnderTest.features) after the program's last statement,
   * or at the divergence, before teardown; absent when the engine reports none.
   */
  features?: Record<string, number>;
  /**
   * Per invariant, how many of the program's statements (up to a divergence) exercised it, and
   * whether the teardown had anything to release (exercise.ts).
   */
  exercised: ExerciseCounts;
}

/**
 * Statements between two full heap checks (EngineUnderTest.checkHeap): the others are incremental. Every
 * program's last statement is checked in full as well, and the heap once more after the teardown.
 */
export const FULL_HEAP_CHECK_INTERVAL = 16;

/** `program` on the engine `createEngine` makes and on the model, statement by statement. */
export function runLockstep(program: Program, createEngine: CreateEngine, options: LockstepOptions = {}): LockstepResult {
  const snapshot = options.snapshots ?? true;
  // The level: asked for, or declared by the factory (loadPlugin's carries the module's declaration;
  // checkEngine resolves a level an engine object declares before it gets here).
  const level: ContractLevel = contractLevelOf(createEngine, options.contract);
  let checked: CheckedAllocator | undefined;
  let disjoint: DisjointBlocks | undefined;
  const impl = createEngine(program, {
    wrapAllocator: (inner) => (level === 'cpython' ? (checked = new CheckedAllocator(inner, program.geometry)) : (disjoint = new DisjointBlocks(inner))),
  });
  // The engine is released (EngineUnderTest.release) however the run ends: its factory may reuse its memory.
  try {
    // What the engine observes: its own declaration, else the factory's.
    const declared = declarationOf(impl) ?? declarationOf(createEngine);
    const comparedRefcounts = observes(declared, 'refcounts');
    const comparedGenerations = observes(declared, 'generations');
    const model = new ModelEngine(program);
    const modelTrace: TraceLine[] = [];
    model.machine.deaths = level;
    const adoption = level === 'cpython' ? null : new Adoption(model.machine, level);
    if (level === 'cpython') {
      model.machine.tupleUntrackingChoice = (k) => {
        const chosen = impl.untrackedTuples?.()[k];
        return chosen ? new Set(chosen) : undefined;
      };
    }

    // The implementation's address of every object by id, as last seen: a freed object's memory is what a
    // freelist hands to the next object of its kind (compareObjects' freelist order).
    const addressOf: number[] = [];
    const addressBefore = (id: number): number | undefined => addressOf[id];
    // An engine that can be inspected in place runs without snapshots; the model's are built only for the
    // trace or to name a difference (objectsAgree.ts). Refcounts by id, recounted after every statement.
    const inspect = snapshot && impl.inspect ? () => impl.inspect!() : null;
    const modelSnapshots = snapshot && (inspect === null || (options.traceSnapshots ?? false));
    let refcounts = new Int32Array(64);
    const finalizedBefore = new Set<number>();

    const heapCheck = (options.heapCheck ?? true) && impl.checkHeap !== undefined;
    /**
     * The engine's own heap check, full or incremental, its reports under a weaker level only where they
     * are about the level's invariants; a problem the incremental check finds is worded by a full check,
     * every problem listed.
     */
    const atTheLevel = (problems: string[]) => (level === 'cpython' ? problems : problems.filter((p) => atLevel(invariantEntry(invariantOfHeapProblem(p)).level, level)));
    const heapProblems = (full: boolean): string[] => {
      const problems = atTheLevel(impl.checkHeap!({ full }));
      return problems.length > 0 && !full ? atTheLevel(impl.checkHeap!({ full: true })) : problems;
    };
    const exercise = new ExerciseCounter();
    const programLength = program.statements.length;

    const step = (s: Statement, n: number, line: number): Divergence | null => {
      const diverge: Diverge = (invariant, message, objects = []) => ({ invariant, step: n, line, message, objects });
      const idsBefore = model.machine.heap.lastId();
      finalizedBefore.clear();
      if (n <= programLength) exercise.before(model.machine, finalizedBefore);
      else for (const o of model.machine.heap.objects.values()) if (o.finalized) finalizedBefore.add(o.id);
      let implLine: TraceLine;
      try {
        implLine = impl.execute(s, { snapshot: snapshot && inspect === null });
      } catch (e) {
        const mismatch = allocatorMismatchOf(e);
        if (mismatch) return { ...diverge(mismatch.invariant, mismatch.message, mismatch.addresses), ...(mismatch.addresses.length > 0 ? { addresses: true } : {}) };
        throw e;
      }
      adoption?.begin(s, implLine, (id) => (implLine.objects ? implLine.objects.some((o) => o.id === id) : inspect ? inspect().has(id) : undefined));
      const modelLine = model.execute(s, { snapshot: modelSnapshots });
      modelLine.line = implLine.line = line;
      modelTrace.push(modelLine);
      const violation = model.machine.relaxationViolations.shift();
      if (violation) return diverge('tracking-rules', violation);
      if (adoption?.failure) return diverge(adoption.failure.invariant, adoption.failure.message, adoption.failure.objects);
      if (snapshot) {
        const heap = model.machine.heap;
        if (refcounts.length <= heap.lastId()) refcounts = new Int32Array(2 * heap.lastId() + 1);
        heap.countReferrers(refcounts);
        options.observe?.(modelLine, model.machine, refcounts);
      }
      const ctx = { statement: s, step: n, model: model.machine, idsBefore, finalizedBefore, addressBefore };
      // What the engine declares it does not observe is copied from the model's snapshot: never compared.
      const unobserved = (i: TraceLine, modelObjects = modelLine.objects): TraceLine => {
        if ((comparedRefcounts && comparedGenerations) || !i.objects || !modelObjects) return i;
        const byId = new Map(modelObjects.map((o) => [o.id, o]));
        return { ...i, objects: i.objects.map((o) => {
          const mo = byId.get(o.id);
          return mo ? { ...o, refcount: comparedRefcounts ? o.refcount : mo.refcount, gen: comparedGenerations ? o.gen : mo.gen } : o;
        }) };
      };
      if (adoption) {
        const weaker = level as Exclude<ContractLevel, 'cpython'>;
        const both = (m: TraceLine, i: TraceLine) => compareAtLevel(weaker, m, unobserved(i, m.objects), ctx, adoption, diverge);
        let d = both(modelLine, implLine);
        if (!d && inspect !== null && !presenceAgrees(model.machine, refcounts, inspect(), weaker && comparedRefcounts ? weaker : 'reachability')) {
          d = both({ ...modelLine, objects: modelLine.objects ?? model.snapshot() }, { ...implLine, objects: inspect().snapshot() });
        }
        if (d) return d;
      } else if (inspect === null) {
        const d = compareTrace(modelLine, unobserved(implLine), ctx);
        if (d) return d;
        for (const o of implLine.objects ?? []) if (o.addr !== undefined) addressOf[o.id] = o.addr;
      } else {
        // Without snapshots compareTrace checks everything but the objects (and the pages, which it compares
        // only with snapshots): when that passes, the objects agree and the pages too, the full comparison
        // would pass. Otherwise it runs on both snapshots, built now, and says what differs.
        const inspection = inspect();
        const agree = compareTrace(modelLine, implLine, ctx) === null && (implLine.pagesWritten === undefined || modelLine.pagesWritten === implLine.pagesWritten) &&
          objectsAgree(model.machine, refcounts, inspection, idsBefore, addressOf);
        if (!agree) {
          const implObjects = inspection.snapshot();
          const modelObjects = modelLine.objects ?? model.snapshot();
          const d = compareTrace({ ...modelLine, objects: modelObjects }, unobserved({ ...implLine, objects: implObjects }, modelObjects), ctx);
          if (d) return d;
          for (const o of implObjects) if (o.addr !== undefined) addressOf[o.id] = o.addr;
        }
      }
      const allocatorProblem = options.heapCheck === false ? null : checked?.compareState();
      if (allocatorProblem) return diverge(allocatorProblem.invariant, allocatorProblem.message);
      if (heapCheck) {
        // Incremental between full checks: what it misses (a structure changed without being marked) the next
        // full check finds, at most FULL_HEAP_CHECK_INTERVAL statements later, at the program's last statement
        // or after the teardown.
        const problems = heapProblems(n % FULL_HEAP_CHECK_INTERVAL === 0 || n === programLength);
        if (problems.length > 0) return diverge(invariantOfHeapProblem(problems[0]), problems.join('; '));
      }
      const allocatorExercise = checked?.endStep() ?? disjoint?.endStep() ?? NOTHING_EXERCISED;
      if (n <= programLength) exercise.after(s, modelLine, model.machine, idsBefore, allocatorExercise, snapshot ? refcounts : null);
      return null;
    };

    // An exception that is no allocator finding ends the run, as a crash at the step it happened.
    const checkedStep = (s: Statement, n: number, line: number): Divergence | null => {
      try {
        return step(s, n, line);
      } catch (e) {
        throw crashAt(e, n, line);
      }
    };
    let n = 0;
    for (const s of program.statements) {
      n++;
      const d = checkedStep(s, n, s.loc?.line ?? n);
      if (d) return { divergence: d, steps: n, modelTrace, features: impl.features?.(), exercised: exercise.counts };
    }
    options.atEnd?.(model.machine, checked?.model);
    const features = impl.features?.();
    const exercised = exercise.counts;
    if (level !== 'cpython') for (const name of Object.keys(exercised) as Array<keyof typeof exercised>) if (!atLevel(invariantEntry(name).level, level)) delete exercised[name];
    if (options.teardown ?? true) {
      exercise.teardown(model.machine, checked?.model.state.live.size ?? disjoint?.live ?? 0);
      for (let round = 0; round < 6 && (round === 0 || model.machine.heap.objects.size > 0); round++) {
        for (const s of teardownStatements(round === 0 ? [...model.machine.heap.names.keys()] : [])) {
          n++;
          const d = checkedStep(s, n, 0);
          if (d) return { divergence: { ...d, message: `teardown: ${d.message}` }, steps: n, modelTrace, features, exercised };
        }
      }
      // The teardown's statements were checked incrementally: a full check before the emptiness.
      const problems = heapCheck ? heapProblems(true) : [];
      if (problems.length > 0) {
        const message = `teardown: ${problems.join('; ')}`;
        return { divergence: { invariant: invariantOfHeapProblem(problems[0]), step: n, line: 0, message, objects: [] }, steps: n, modelTrace, features, exercised };
      }
      const d = checkEmptyHeap(impl, model, n);
      if (d) return { divergence: d, steps: n, modelTrace, features, exercised };
    }
    return { divergence: null, steps: n, modelTrace, features, exercised };
  } finally {
    impl.release?.();
  }
}

/** The weaker levels' per-object question without snapshots: the same live ids, finalized flags, and refcounts at the refcount level. */
function presenceAgrees(model: ModelMachine, refcounts: Int32Array, engine: HeapInspection, level: Exclude<ContractLevel, 'cpython'>): boolean {
  if (engine.count !== model.heap.objects.size) return false;
  for (const o of model.heap.objects.values()) {
    if (!engine.has(o.id) || engine.finalized(o.id) !== o.finalized) return false;
    if (level === 'refcount' && engine.refcount(o.id) !== refcounts[o.id]) return false;
  }
  return true;
}
