package chat

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	openai "github.com/sashabaranov/go-openai"
)

// BatchClient calls an endpoint's Files and Batch APIs (/v1/files, /v1/batches, as
// OpenAI documents them) through go-openai, configured as NewOpenAI configures the chat
// client: the same base URL, key, organisation and extra headers, and the same refusal
// of redirects to another host. It is safe for concurrent use.
//
// Errors: an HTTP error answer is an *APIError whose text never holds the API key (as
// Complete's); a cancelled ctx wraps ctx.Err(). Azure OpenAI's layout is not supported.
type BatchClient struct {
	c *openAIClient
}

// NewBatchClient returns a BatchClient for the endpoint o describes. It fails on an
// Azure configuration, and on what NewOpenAI fails on. o.Timeout bounds the small calls
// (retrieve, cancel, list, delete); an upload or a download is bounded by its ctx only,
// for a file may be hundreds of MB.
func NewBatchClient(o OpenAIOptions) (*BatchClient, error) {
	if o.AzureAPIVersion != "" || o.AzureDeployment != "" {
		return nil, fmt.Errorf("new batch client: Azure OpenAI's batch layout is not supported")
	}
	c, err := NewOpenAI(o)
	if err != nil {
		return nil, err
	}
	return &BatchClient{c: c.(*openAIClient)}, nil
}

// call runs f with ctx, bounded by the client's timeout when timed, and maps its error.
func (b *BatchClient) call(ctx context.Context, op string, timed bool, f func(context.Context) error) error {
	rctx, cancel := ctx, context.CancelFunc(func() {})
	if timed && b.c.timeout > 0 {
		rctx, cancel = context.WithTimeout(ctx, b.c.timeout)
	}
	defer cancel()
	if err := f(rctx); err != nil {
		return fmt.Errorf("%s: %w", op, b.c.mapError(ctx, rctx, err, nil))
	}
	return nil
}

// UploadFile uploads the file at path with purpose "batch" and returns the file object
// the endpoint made of it. The request body is built in memory: as much memory as the
// file is large (go-openai's multipart upload).
func (b *BatchClient) UploadFile(ctx context.Context, path string) (openai.File, error) {
	var f openai.File
	err := b.call(ctx, "upload "+filepath.Base(path), false, func(ctx context.Context) (err error) {
		f, err = b.c.client.CreateFile(ctx, openai.FileRequest{FileName: filepath.Base(path), FilePath: path, Purpose: string(openai.PurposeBatch)})
		return err
	})
	return f, err
}

// CreateBatch creates a batch of the requests in the uploaded file fileID on
// /v1/chat/completions, with the 24h completion window and metadata (at most 16 pairs of
// strings; nil for none).
func (b *BatchClient) CreateBatch(ctx context.Context, fileID string, metadata map[string]any) (openai.Batch, error) {
	var r openai.BatchResponse
	err := b.call(ctx, "create batch of "+fileID, true, func(ctx context.Context) (err error) {
		r, err = b.c.client.CreateBatch(ctx, openai.CreateBatchRequest{
			InputFileID:      fileID,
			Endpoint:         openai.BatchEndpointChatCompletions,
			CompletionWindow: "24h",
			Metadata:         metadata,
		})
		return err
	})
	return r.Batch, err
}

// RetrieveBatch returns the batch id as it stands.
func (b *BatchClient) RetrieveBatch(ctx context.Context, id string) (openai.Batch, error) {
	var r openai.BatchResponse
	err := b.call(ctx, "retrieve batch "+id, true, func(ctx context.Context) (err error) {
		r, err = b.c.client.RetrieveBatch(ctx, id)
		return err
	})
	return r.Batch, err
}

// CancelBatch asks the endpoint to cancel the batch id and returns it (usually
// "cancelling": the endpoint finishes the requests in flight, then "cancelled").
func (b *BatchClient) CancelBatch(ctx context.Context, id string) (openai.Batch, error) {
	var r openai.BatchResponse
	err := b.call(ctx, "cancel batch "+id, true, func(ctx context.Context) (err error) {
		r, err = b.c.client.CancelBatch(ctx, id)
		return err
	})
	return r.Batch, err
}

// ListBatches returns a page of the account's batches, most recent first: at most limit
// (the endpoint's default when 0), after the batch id after ("" for the first page).
func (b *BatchClient) ListBatches(ctx context.Context, after string, limit int) (openai.ListBatchResponse, error) {
	var r openai.ListBatchResponse
	var ap *string
	var lp *int
	if after != "" {
		ap = &after
	}
	if limit > 0 {
		lp = &limit
	}
	err := b.call(ctx, "list batches", true, func(ctx context.Context) (err error) {
		r, err = b.c.client.ListBatch(ctx, ap, lp)
		return err
	})
	return r, err
}

// FileContent opens the content of the file id (a batch's output or error file) for
// reading; the caller closes it. The body is streamed, not held.
func (b *BatchClient) FileContent(ctx context.Context, id string) (io.ReadCloser, error) {
	var rc io.ReadCloser
	err := b.call(ctx, "download file "+id, false, func(ctx context.Context) error {
		r, err := b.c.client.GetFileContent(ctx, id)
		if err != nil {
			return err
		}
		rc = r.ReadCloser
		return nil
	})
	return rc, err
}

// DeleteFile deletes the file id at the endpoint.
func (b *BatchClient) DeleteFile(ctx context.Context, id string) error {
	return b.call(ctx, "delete file "+id, true, func(ctx context.Context) error {
		return b.c.client.DeleteFile(ctx, id)
	})
}
