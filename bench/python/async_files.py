"""The tutorial's aiofiles example (read whole, upper-case, write whole), on files named on the command line.

    python3 async_files.py INPUT OUTPUT

Prints the seconds process_file took. read_file, write_file and process_file are the tutorial's own.
"""
import asyncio
import sys
import time

import aiofiles


async def read_file(filename):
    async with aiofiles.open(filename, mode='r') as f:
        contents = await f.read()
    return contents


async def write_file(filename, content):
    async with aiofiles.open(filename, mode='w') as f:
        await f.write(content)


async def process_file(input_file, output_file):
    content = await read_file(input_file)
    processed_content = content.upper()  # 간단한 처리: 모든 텍스트를 대문자로 변환
    await write_file(output_file, processed_content)


async def main(input_file, output_file):
    start = time.perf_counter()
    await process_file(input_file, output_file)
    print(f"{time.perf_counter() - start:.3f}")


if __name__ == '__main__':
    asyncio.run(main(sys.argv[1], sys.argv[2]))
