import * as z from "zod";

// Shared by the Convex functions and the guestbook UI so client and server enforce the same rules.
export const AUTHOR_MAX_LENGTH = 40;
export const BODY_MAX_LENGTH = 280;
export const MESSAGE_LIST_LIMIT = 20;

export const messageSchema = z.object({
  author: z
    .string()
    .trim()
    .min(1, "Enter your name.")
    .max(AUTHOR_MAX_LENGTH, `Name must be ${AUTHOR_MAX_LENGTH} characters or fewer.`),
  body: z
    .string()
    .trim()
    .min(1, "Write a message.")
    .max(BODY_MAX_LENGTH, `Message must be ${BODY_MAX_LENGTH} characters or fewer.`),
});
