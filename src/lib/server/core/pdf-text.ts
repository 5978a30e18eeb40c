import { extractText } from 'unpdf';

/**
 * Reading PDFs back, for tests of rendered letters (unpdf is a devDependency: do not import this from
 * code that runs in production).
 */

/** Arabic/Hebrew script, including the presentation forms Chromium's PDFs map their glyphs to. */
const RTL_RUN = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]+(?:\s+[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]+)*/g;

/**
 * The text of all pages, whitespace collapsed to single spaces. Also NFKC-normalised (presentation
 * forms and ligatures become plain letters), and right-to-left runs, which pdf.js returns in visual
 * order, are put back into reading order (good enough for words; numbers inside RTL text are not handled).
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
	// pdf.js may detach the buffer it is given; a copy keeps the caller's bytes usable.
	const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
	return text
		.normalize('NFKC')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(RTL_RUN, (run) => [...run].reverse().join(''));
}

export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
	return (await extractText(new Uint8Array(bytes))).totalPages;
}
