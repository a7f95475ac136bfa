package corpus

import "slices"

// Ordered calls emit for every item of in in Seq order, holding the items that arrive
// early until their turn; Seq numbers are consecutive from 0, as Parse gives them. The
// items held are bounded by the Window that the items came through. Ordered returns when
// in is closed, after emitting what it holds in Seq order (gaps left by a cancelled run
// are skipped).
func Ordered(in <-chan Item, emit func(Item)) {
	held := map[int64]Item{}
	var next int64
	for it := range in {
		held[it.Seq] = it
		for {
			h, ok := held[next]
			if !ok {
				break
			}
			delete(held, next)
			next++
			emit(h)
		}
	}
	rest := make([]Item, 0, len(held))
	for _, it := range held {
		rest = append(rest, it)
	}
	sortItems(rest)
	for _, it := range rest {
		emit(it)
	}
}

func sortItems(items []Item) {
	slices.SortFunc(items, func(a, b Item) int {
		switch {
		case a.Seq < b.Seq:
			return -1
		case a.Seq > b.Seq:
			return 1
		}
		return 0
	})
}
