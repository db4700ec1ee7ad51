/** Placeholder until the handler lands (replaced in the same session). */
export const handler = async (): Promise<{ statusCode: number; body: string }> => ({ statusCode: 503, body: 'not ready' });
