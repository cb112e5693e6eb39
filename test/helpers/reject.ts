// The error a promise rejects with; a promise that resolves fails the test.
export async function rejection(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
