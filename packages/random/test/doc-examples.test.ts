import { describeDocExamples } from '../../../test-support/doc-examples';

// Every @example of src/ and the README's example run (issue 12 item 7).
describeDocExamples({ root: new URL('..', import.meta.url), readme: true, examplePerExport: true });
