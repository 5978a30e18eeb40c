/** Plain HTTP as a browser without JavaScript would send it: form posts with Origin, cookies kept by hand. */
export class HttpClient {
	private cookies = new Map<string, string>();
	constructor(private readonly baseURL: string) {}

	private remember(res: Response) {
		for (const line of res.headers.getSetCookie()) {
			const [pair = ''] = line.split(';');
			const i = pair.indexOf('=');
			const name = pair.slice(0, i).trim();
			const value = pair.slice(i + 1).trim();
			if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	private headers(extra: Record<string, string> = {}) {
		return { accept: 'text/html', cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...extra };
	}

	async get(path: string): Promise<Response> {
		const res = await fetch(this.baseURL + path, { headers: this.headers(), redirect: 'manual' });
		this.remember(res);
		return res;
	}

	async post(path: string, fields: Record<string, string | string[]>): Promise<Response> {
		const body = new URLSearchParams();
		for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
		const res = await fetch(this.baseURL + path, {
			method: 'POST',
			body,
			headers: this.headers({ origin: this.baseURL, 'content-type': 'application/x-www-form-urlencoded' }),
			redirect: 'manual'
		});
		this.remember(res);
		return res;
	}

	/** A multipart form with one file, as a browser sends an upload. */
	async upload(path: string, field: string, filename: string, content: Uint8Array | string): Promise<Response> {
		const body = new FormData();
		body.append(field, new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), filename);
		const res = await fetch(this.baseURL + path, { method: 'POST', body, headers: this.headers({ origin: this.baseURL }), redirect: 'manual' });
		this.remember(res);
		return res;
	}

	async signIn(slug: string, email: string, password = 'Teilhabe-Demo-2026') {
		const res = await this.post(`/${slug}/intern/anmelden`, { email, password });
		if (res.status !== 303) throw new Error(`sign-in of ${email} failed with ${res.status}`);
		return this;
	}
}
