/**
 * Wireshark display filters (the 4.x language): parse, print, check against the field registry,
 * complete. Pure TypeScript: the renderer validates as the user types, the engine evaluates.
 */
export type * from './ast.js';
export { checkFilter, type CheckResult } from './check.js';
export { FilterError, type FilterProblem } from './errors.js';
export { filterNames, resolveName, typeName, type FilterField, type FType } from './fields.js';
export { parseFilter } from './parser.js';
export { printFilter, printValue } from './printer.js';
export {
  fieldsOf,
  type Constant,
  type Relation,
  type SetRange,
  type Test,
  type Typing,
  type Value,
} from './program.js';
export { resolveRange } from './ranges.js';
export { completeFilter } from './complete.js';
