// `npm run sandbox`: bot/main.ts with ROLE=sandbox, without having to set it in the shell.
process.env.ROLE = 'sandbox';
await import('./main');

export {};
