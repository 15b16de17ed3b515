import { navigate } from '../router';

/**
 * Why an item's image or video cannot be revealed, or null when it can: its bytes were deleted under the retention
 * rules, or the analyst does not hold the item (a reveal needs the lease).
 */
export function mediaWithheld(noun: 'image' | 'video', gone: boolean, code: string | null | undefined, bytesDeletedAt?: string | null) {
  if (gone) {
    return (
      <p className="notice" data-testid="content-missing">
        The bytes were deleted under the retention rules; hashes remain, so copies are still recognised.
        {bytesDeletedAt ? ` Deleted ${new Date(bytesDeletedAt).toLocaleString()}.` : ''}
      </p>
    );
  }
  if (code !== 'lease_required') return null;
  return (
    <div className="notice warn" data-testid="lease-required">
      <p>You do not hold this item, so its {noun} stays hidden. Analysts view what they are judging: take items with “Next item” in the queue.</p>
      <button type="button" className="secondary" onClick={() => navigate('/')} data-testid="lease-required-queue">
        Go to the queue
      </button>
    </div>
  );
}
