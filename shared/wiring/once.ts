/** A value made on first use and kept for the life of the container (a Lambda's warm start). */
export function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
