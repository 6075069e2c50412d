# The tutorial's "'aiofiles'와 'aiohttp'를 함께 사용" section (download_and_save / process_sites) for
# bench/compare.sh. Changes only:
#   - the sites come from a file, one URL a line, and the folder from the command line;
#   - the session's connector is limited to 64 connections (aiohttp.TCPConnector(limit=64)), to match
#     ours at http.concurrency 64 (aiohttp's own default limit is 100).
# The tutorial's file naming is kept: url.split('/')[-1] + '.html', so
# http://127.0.0.1:P/page.html?i=7 is saved as "page.html?i=7.html".
#   /usr/bin/python3 bench/python/download_and_save.py SITES_FILE FOLDER
import asyncio
import os
import sys

import aiofiles
import aiohttp

async def download_and_save(session, url, folder):
    async with session.get(url) as response:
        filename = os.path.join(folder, url.split('/')[-1] + '.html')
        content = await response.text()
        async with aiofiles.open(filename, 'w', encoding='UTF8') as f:
            await f.write(content)
        return filename, len(content)

async def process_sites(sites, folder):
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64)) as session:
        tasks = [asyncio.create_task(download_and_save(session, url, folder)) for url in sites]
        results = await asyncio.gather(*tasks)

    for filename, size in results:
        print(f"Downloaded {filename}: {size} characters")

async def main(sites_file, folder):
    with open(sites_file, encoding="UTF8") as f:
        sites = [line.strip() for line in f if line.strip()]
    os.makedirs(folder, exist_ok=True)
    await process_sites(sites, folder)

if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
