# The tutorial's asyncio.gather() section (seed, "동시성 처리 / asyncio.gather()"), scaled up for
# bench/compare.sh: N tasks instead of three, their delays taken in turn from a list (cycled, like
# scenario.gather-results.durations in ours). Everything else is the tutorial's code, prints included.
#   /usr/bin/python3 bench/python/gather.py N [DELAY ...]     (delays in seconds, cycled)
#   /usr/bin/python3 bench/python/gather.py                   the tutorial's own run: 3, 2 and 4 s
import asyncio
import sys
import time

async def fetch_data(name, delay):
    print(f"{name} 시작")
    await asyncio.sleep(delay)  # 네트워크 요청 시뮬레이션
    print(f"{name} 완료")
    return f"{name}의 결과"

async def main(count, delays):
    start_time = time.time()

    # asyncio.gather()를 사용하여 여러 작업을 동시에 실행
    results = await asyncio.gather(
        *(fetch_data(f"Task {i + 1}", delays[i % len(delays)]) for i in range(count))
    )

    end_time = time.time()
    print(f"모든 작업 완료. 소요 시간: {end_time - start_time:.2f}초")
    print("결과:", results)

if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    delays = [float(d) for d in sys.argv[2:]] or [3, 2, 4]
    asyncio.run(main(count, delays))
