import { z } from "zod";

/** OTAI accepts `str | int` ticket ids; we keep them as strings. */
export const TicketIdSchema = z.union([z.string().min(1), z.number()]).transform(String);
