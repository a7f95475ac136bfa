package fakeopenai

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// FaultMix is a share of failing answers, each a fraction in [0, 1]; their sum at most 1.
type FaultMix struct {
	RateLimited float64       // 429 with Retry-After
	RetryAfter  time.Duration // the wait those 429s ask for (retry-after-ms; Retry-After rounds it up to seconds); 0 means 1s
	ServerError float64       // 500
	Malformed   float64       // 200 with a broken answer: content cut off mid-JSON, JSON of another shape, or a body that is not JSON, a third each
	Truncated   float64       // 200 with the first half of the answer and finish_reason "length"
	Seed        uint64        // changes which requests fail
}

// Faults returns a Script that fails requests in the proportions of mix and answers the
// others by default. The choice is deterministic and does not depend on arrival order:
// it hashes the seed, the request's messages and how many times the same messages were
// seen before, so a rerun with the same requests meets the same faults, and a retried
// request gets a fresh draw.
func Faults(mix FaultMix) Script {
	var mu sync.Mutex
	seen := map[[32]byte]int{}
	return func(n int, req openai.ChatCompletionRequest) Reply {
		h := sha256.New()
		for _, m := range req.Messages {
			h.Write([]byte(m.Role))
			h.Write([]byte{0})
			h.Write([]byte(m.Content))
			h.Write([]byte{0})
		}
		var key [32]byte
		copy(key[:], h.Sum(nil))
		mu.Lock()
		attempt := seen[key]
		seen[key]++
		mu.Unlock()

		d := sha256.Sum256([]byte(strconv.FormatUint(mix.Seed, 10) + "/" + string(key[:]) + "/" + strconv.Itoa(attempt)))
		x := float64(binary.BigEndian.Uint64(d[:8])>>11) / (1 << 53) // uniform in [0, 1)
		wait := mix.RetryAfter
		if wait <= 0 {
			wait = time.Second
		}
		switch {
		case x < mix.RateLimited:
			return RateLimited(wait)
		case x < mix.RateLimited+mix.ServerError:
			return ServerError()
		case x < mix.RateLimited+mix.ServerError+mix.Malformed:
			switch int((x - mix.RateLimited - mix.ServerError) / mix.Malformed * 3) {
			case 0:
				return Malformed()
			case 1:
				return MalformedShape()
			}
			return MalformedBody()
		case x < mix.RateLimited+mix.ServerError+mix.Malformed+mix.Truncated:
			return Truncated()
		}
		return Reply{}
	}
}
