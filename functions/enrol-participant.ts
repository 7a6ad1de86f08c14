export const handler = async () => { throw new Error('being written'); };
