/** Structured JSON logs, one object per line on stdout (stderr for errors). */
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
let threshold: Level = (process.env.LOG_LEVEL as Level) in order ? (process.env.LOG_LEVEL as Level) : 'info';

export function setLogLevel(level: Level) {
	threshold = level;
}

function write(level: Level, msg: string, fields: Record<string, unknown> = {}) {
	if (order[level] < order[threshold]) return;
	const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }, (_k, v) =>
		v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v
	);
	(level === 'error' ? process.stderr : process.stdout).write(line + '\n');
}

export const log = {
	debug: (msg: string, fields?: Record<string, unknown>) => write('debug', msg, fields),
	info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
	warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
	error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields)
};
