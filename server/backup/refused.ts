/**
 * A request refused before anything was changed (a bad argument, the wrong kind of file, a target
 * that is not empty, a missing tool): the command says why and exits with code 2.
 */
export class Refused extends Error {
  override readonly name = 'Refused';
}
