"use client";

import { LoaderCircle } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { destructiveButton } from "./button-styles";
import { FormMessage } from "./form-message";
import { useConsoleAction } from "./use-action-state";

type ConfirmDialogProps = {
  /** The button that opens the dialog (rendered as the trigger itself). */
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  destructive?: boolean;
  /** Runs on confirm; a rejection keeps the dialog open and shows the error in it. */
  onConfirm: () => Promise<unknown>;
  /** Extra help under the error message for particular error codes (e.g. LAST_OWNER). */
  explainError?: (code: string) => ReactNode;
  onConfirmed?: () => void;
  /** Choices for the action (e.g. how long an old token keeps working), between the description and the buttons. */
  children?: ReactNode;
};

/** "Are you sure?" for actions that are hard to undo. The outcome is shown in the dialog, next to the button. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { trigger, title, description, confirmLabel, destructive, onConfirm, explainError, onConfirmed, children } = props;
  const [open, setOpen] = useState(false);
  const { pending, error, run, reset } = useConsoleAction();

  function changeOpen(next: boolean) {
    if (pending) return;
    if (next) reset();
    setOpen(next);
  }

  async function confirm() {
    const outcome = await run(onConfirm);
    if (outcome.ok) {
      setOpen(false);
      onConfirmed?.();
    }
  }

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {children}
        {error && (
          <div className="grid gap-1">
            <FormMessage tone="error">{error.message}</FormMessage>
            {explainError?.(error.code) && <p className="text-muted-foreground pl-5.5 text-sm">{explainError(error.code)}</p>}
          </div>
        )}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline" disabled={pending}>
              Cancel
            </Button>
          </DialogClose>
          <Button onClick={confirm} disabled={pending} className={destructive ? destructiveButton : undefined}>
            {pending && <LoaderCircle aria-hidden className="animate-spin" />}
            {confirmLabel}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
