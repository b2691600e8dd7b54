// A browser session whose one step never ends, for step_guard.test.mjs: the guard
// must end it, naming the step, this file's line, the page and the server's log.
import { launchBrowser } from './harness.mjs';
import { setStepTimeout, watchServer } from './step_guard.mjs';

watchServer({ url: 'http://probe.invalid', output: () => 'an early line\nthe last line of the probe server\n', kill() {} });
const browser = await launchBrowser();
const page = await browser.newPage();
await page.setContent('<title>probe</title><p>probe</p>');
setStepTimeout(Number(process.argv[2]));
await page.evaluate(() => new Promise(() => {}));  // never settles, and evaluate has no timeout
