/**
 * Every tally in the evaluation is a record of counts summed over documents; one
 * function adds them, so a field added to a tally can never be left out of the sum.
 */
export function addCountFields<T extends { [K in keyof T]: number }>(into: T, other: T): T {
  for (const key of Object.keys(other) as Array<keyof T>) {
    (into[key] as number) += other[key];
  }
  return into;
}
