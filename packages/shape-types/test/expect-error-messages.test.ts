import { describeExpectErrorMessages } from '../../../test-support/expect-error-messages';

// tsc checks that each `@ts-expect-error` sees *an* error; this checks it is the one its text names.
describeExpectErrorMessages(new URL('..', import.meta.url), ['test']);
