# The tutorial's aiohttp section (seed, "aiohttp": fetch_url / download_sites / process_sites) for
# bench/compare.sh. Two changes only:
#   - the sites come from a file, one URL a line, instead of the tutorial's four-entry list;
#   - the session's connector is limited to 64 connections (aiohttp.TCPConnector(limit=64)), to match
#     ours at http.concurrency 64 (aiohttp's own default limit is 100).
#   /usr/bin/python3 bench/python/http_fetch.py SITES_FILE
import asyncio
import sys

import aiohttp

async def fetch_url(session, url):
    async with session.get(url) as response:
        return await response.text()

async def download_sites(sites):
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64)) as session:
        tasks = []
        for url in sites:
            task = asyncio.create_task(fetch_url(session, url))
            tasks.append(task)
        results = await asyncio.gather(*tasks)
    return results

async def process_sites(sites):
    results = await download_sites(sites)
    for url, html in zip(sites, results):
        print(f"{url}: {len(html)} characters")

async def main(sites_file):
    with open(sites_file, encoding="UTF8") as f:
        sites = [line.strip() for line in f if line.strip()]
    await process_sites(sites)

if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
