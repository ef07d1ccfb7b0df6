/**
 * Stand-in plugins FOR TESTS ONLY. They are not adapters: they register the component ids and params of
 * OTAI's Python plugins (`otai-otobo-znuny`, `otai-hf-local`) so OTAI configs can be loaded and
 * validated, and they contact no help desk and load no model.
 */
export {
  createFakeClassifier,
  FAKE_HF_LABELS,
  FakeHFClassificationService,
  FakeHfLocalParamsSchema,
  fakeClassify,
  fakeHfLocalPlugin,
} from "./hf-local.ts";
export {
  FakeOTOBOZnunyTicketSystemService,
  FakeOtoboZnunyParamsSchema,
  fakeOtoboZnunyPlugin,
} from "./otobo-znuny.ts";
