/**
 * @module pipes/base-plugin
 * The built-in `base` plugin: OTAI's `otai-base` components under the same ids.
 */
import { definePlugin, PLUGIN_API_VERSION } from "../contracts/plugin.ts";
import { DecidePipe } from "../policy/decide-pipe.ts";
import { InMemoryTicketSystemService, JsonlTicketSystemService } from "../ticket-systems/services.ts";
import { AddNotePipe } from "./add-note-pipe.ts";
import { ApplyDecisionsPipe } from "./apply-decisions-pipe.ts";
import { ClassificationPipe } from "./classification-pipe.ts";
import { CompositePipe } from "./composite-pipe.ts";
import { CronTrigger } from "./cron-trigger.ts";
import { ExpressionPipe } from "./expression-pipe.ts";
import { FetchTicketsPipe } from "./fetch-tickets-pipe.ts";
import { ForEachTicketPipe } from "./for-each-ticket-pipe.ts";
import { IntervalTrigger } from "./interval-trigger.ts";
import { JinjaRenderer } from "./jinja-renderer.ts";
import { SimpleSequentialOrchestrator } from "./simple-sequential-orchestrator.ts";
import { SimpleSequentialRunner } from "./simple-sequential-runner.ts";
import { UpdateTicketPipe } from "./update-ticket-pipe.ts";
import { WebhookTrigger } from "./webhook-trigger.ts";

export const basePlugin = definePlugin({
  name: "@otai/core",
  version: "0.1.0",
  prefix: "base",
  apiVersion: `^${PLUGIN_API_VERSION}`,
  description: "Built-in pipes, triggers, the template engine and offline ticket systems.",
  setup(api) {
    for (const component of [
      SimpleSequentialOrchestrator,
      SimpleSequentialRunner,
      CompositePipe,
      ExpressionPipe,
      IntervalTrigger,
      FetchTicketsPipe,
      UpdateTicketPipe,
      AddNotePipe,
      ClassificationPipe,
      DecidePipe,
      ApplyDecisionsPipe,
      CronTrigger,
      WebhookTrigger,
    ]) {
      api.register(component);
    }
    api.register(ForEachTicketPipe, { aliases: ["base:ForEach"] });
    api.register(JinjaRenderer);
    api.register(InMemoryTicketSystemService);
    api.register(JsonlTicketSystemService);
  },
});
