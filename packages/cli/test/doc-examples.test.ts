import { useBackend } from '@pix2pix-ts/backends';
import { describeDocExamples } from '../../../test-support/doc-examples';

// Every @example of src/ runs (issue 12 item 7), after `useBackend('cpu')` as an application starts.
describeDocExamples({ root: new URL('..', import.meta.url), setup: async () => void (await useBackend('cpu')) });
